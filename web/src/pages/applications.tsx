/**
 * Applications > Applications: the list and the application form (**Name**, **Slug**, **Provider**,
 * **Backchannel Providers**, **UI settings**). An Entra ID application leaves Provider empty and
 * lists the Microsoft Entra Provider under Backchannel Providers: that assignment starts the sync.
 */
import { Button, FormFieldGroupExpandable, FormFieldGroupHeader, Label } from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router';
import { applications } from '../api/endpoints.js';
import { queryKeys } from '../api/queries/keys.js';
import { useAllProviders } from '../api/queries/providers.js';
import type { Application, ApplicationRequest } from '../api/types.js';
import { ConfirmModal, DOCS } from '../components/common.js';
import {
  FormModal,
  ListPage,
  ResourceFormBody,
  type ResourceFormProps,
  useFormSubmit,
} from '../components/crud-shell.js';
import { CheckListField, SelectField, SwitchField, TextField } from '../components/form-fields.js';
import { useTitle } from '../components/use-title.js';

export const SLUG_PATTERN = /^[-a-zA-Z0-9_]+$/;

/** Django's slugify, close enough for a suggestion: the server validates the result. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s_-]/g, '')
    .trim()
    .replace(/[\s-]+/g, '-')
    .slice(0, 50);
}

export function ApplicationsPage() {
  useTitle('Applications');
  const [params] = useSearchParams();
  const [editing, setEditing] = useState<Application | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Application | null>(null);
  const client = useQueryClient();
  // Assigning a provider changes whether it syncs: a provider page opened next must not show the
  // old "not assigned" state from its cache while it refetches, so cached providers are dropped.
  const forgetProviders = async () => {
    client.removeQueries({ queryKey: queryKeys.providers.all, type: 'inactive' });
    client.removeQueries({ queryKey: queryKeys.syncStatus.all, type: 'inactive' });
    await client.invalidateQueries({ queryKey: queryKeys.applications.all });
    await client.invalidateQueries({ queryKey: queryKeys.providers.all });
    await client.invalidateQueries({ queryKey: queryKeys.syncStatus.all });
  };
  return (
    <>
      <ListPage<Application>
        title="Applications"
        description="Applications tie providers together. For Entra ID, create an application whose Backchannel Providers list your Microsoft Entra Provider."
        help={DOCS.createProvider}
        onCreate={() => setEditing('new')}
        list={{
          label: 'Applications',
          queryKey: queryKeys.applications.all,
          initialSearch: params.get('search') ?? '',
          fetchPage: applications.list,
          rowKey: (a) => a.slug,
          emptyText: 'Create an application and select your Entra provider under Backchannel Providers.',
          columns: [
            { title: 'Name', render: (a) => <strong>{a.name}</strong> },
            { title: 'Slug', render: (a) => <code>{a.slug}</code> },
            { title: 'Provider', render: (a) => a.provider_obj?.name ?? '—' },
            {
              title: 'Backchannel Providers',
              render: (a) =>
                a.backchannel_providers_obj.length === 0
                  ? '—'
                  : a.backchannel_providers_obj.map((p) => (
                      <Link key={p.pk} to={`/providers/${p.pk}`} className="pf-v6-u-mr-sm">
                        <Label isCompact color="blue">
                          {p.name}
                        </Label>
                      </Link>
                    )),
            },
            {
              title: 'Actions',
              render: (a) => (
                <>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => setEditing(a)}
                    aria-label={`Edit ${a.name}`}
                  >
                    Edit
                  </Button>{' '}
                  <Button
                    variant="link"
                    isDanger
                    size="sm"
                    onClick={() => setDeleting(a)}
                    aria-label={`Delete ${a.name}`}
                  >
                    Delete
                  </Button>
                </>
              ),
            },
          ],
        }}
      />
      {editing && (
        <FormModal
          id="app-form-title"
          title={editing === 'new' ? 'Create Application' : `Update Application: ${editing.name}`}
          onClose={() => setEditing(null)}
        >
          <ApplicationForm
            item={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSaved={async () => {
              setEditing(null);
              await forgetProviders();
            }}
          />
        </FormModal>
      )}
      {deleting && (
        <ConfirmModal
          title={`Delete ${deleting.name}?`}
          body="Its providers stop syncing (they are no longer assigned), but are not deleted."
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await applications.remove(deleting.slug);
            await forgetProviders();
          }}
        />
      )}
    </>
  );
}

type AppFormValues = ApplicationRequest;
const APP_FIELDS: ReadonlyArray<keyof ApplicationRequest> = [
  'name',
  'slug',
  'provider',
  'backchannel_providers',
  'meta_launch_url',
  'meta_icon',
  'meta_publisher',
  'meta_description',
  'open_in_new_tab',
  'group',
];

export function ApplicationForm({ item: application, onCancel, onSaved }: ResourceFormProps<Application>) {
  const all = useAllProviders();
  const backchannel = useAllProviders({ backchannel: true });
  const mainProviders = (all.data ?? []).filter((p) => !(backchannel.data ?? []).some((b) => b.pk === p.pk));
  const [slugTouched, setSlugTouched] = useState(application !== null);
  const form = useForm<AppFormValues>({
    defaultValues: {
      name: application?.name ?? '',
      slug: application?.slug ?? '',
      provider: application?.provider ?? null,
      backchannel_providers: application?.backchannel_providers ?? [],
      meta_launch_url: application?.meta_launch_url ?? '',
      meta_icon: application?.meta_icon ?? '',
      meta_publisher: application?.meta_publisher ?? '',
      meta_description: application?.meta_description ?? '',
      open_in_new_tab: application?.open_in_new_tab ?? false,
    },
  });
  const { control, setValue, formState } = form;
  const body = useFormSubmit(form, APP_FIELDS, async (values) => {
    const body: ApplicationRequest = {
      ...values,
      provider: values.provider ? Number(values.provider) : null,
    };
    await onSaved(
      application ? await applications.update(application.slug, body) : await applications.create(body),
    );
  });
  return (
    <ResourceFormBody {...body} isEdit={application !== null} onCancel={onCancel}>
      <TextField
        control={control}
        name="name"
        id="app-name"
        label="Name"
        required
        rules={{
          onChange: (e) => {
            if (!slugTouched)
              setValue('slug', slugify(String(e.target.value)), { shouldValidate: formState.isSubmitted });
          },
        }}
        help="Application's display name."
      />
      <TextField
        control={control}
        name="slug"
        id="app-slug"
        label="Slug"
        required
        rules={{
          pattern: { value: SLUG_PATTERN, message: 'Use only letters, numbers, underscores or hyphens.' },
          maxLength: { value: 50, message: 'At most 50 characters.' },
          onChange: () => setSlugTouched(true),
        }}
        help="Internal application name used in URLs: letters, numbers, underscores or hyphens. Suggested from the name until you edit it."
      />
      <SelectField
        control={control}
        name="provider"
        id="app-provider"
        label="Provider"
        options={[
          { value: null, label: '---------' },
          ...mainProviders.map((p) => ({ value: p.pk, label: p.name })),
        ]}
        toOption={(v) => (v === null || v === undefined ? '' : String(v))}
        fromOption={(v) => (v === '' ? null : Number(v))}
        help="Leave this empty for Entra ID: a Microsoft Entra Provider is a backchannel provider and goes in the next field."
      />
      <CheckListField
        control={control}
        name="backchannel_providers"
        id="app-backchannel"
        label="Backchannel Providers"
        options={(backchannel.data ?? []).map((p) => ({
          value: p.pk,
          label: p.name,
          description:
            p.assigned_backchannel_application_slug &&
            p.assigned_backchannel_application_slug !== application?.slug
              ? `${p.verbose_name}, currently used by ${p.assigned_backchannel_application_name}`
              : p.verbose_name,
        }))}
        emptyText={
          <>
            No backchannel provider yet. <Link to="/providers/create">Create a Microsoft Entra Provider</Link>{' '}
            first.
          </>
        }
        help="This field is required for Entra ID: select your Microsoft Entra Provider. Backchannel providers augment the functionality of the main provider; a Microsoft Entra Provider only syncs once an application lists it here."
      />
      <FormFieldGroupExpandable
        toggleAriaLabel="UI settings"
        header={
          <FormFieldGroupHeader
            titleText={{ text: 'UI settings', id: 'app-ui-settings' }}
            titleDescription="Optional: how the application is shown to users. Leave empty for Entra ID."
          />
        }
      >
        <TextField
          control={control}
          name="meta_launch_url"
          id="app-launch-url"
          label="Launch URL"
          type="url"
          help="If left empty, the application has no launch link."
        />
        <TextField
          control={control}
          name="meta_icon"
          id="app-icon"
          label="Icon"
          help="An icon URL (https:// or a path)."
        />
        <TextField control={control} name="meta_publisher" id="app-publisher" label="Publisher" />
        <TextField
          control={control}
          name="meta_description"
          id="app-description"
          label="Description"
          rows={2}
        />
        <SwitchField
          control={control}
          name="open_in_new_tab"
          id="app-new-tab"
          label="Open in new tab"
          checkbox
        />
      </FormFieldGroupExpandable>
    </ResourceFormBody>
  );
}
