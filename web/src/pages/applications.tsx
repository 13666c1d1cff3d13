/**
 * Applications > Applications: the list and the application form (**Name**, **Slug**, **Provider**,
 * **Backchannel Providers**, **UI settings**). An Entra ID application leaves Provider empty and
 * lists the Microsoft Entra Provider under Backchannel Providers: that assignment starts the sync.
 */
import {
  ActionGroup,
  Button,
  Checkbox,
  Form,
  FormFieldGroupExpandable,
  FormFieldGroupHeader,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Label,
  Modal,
  ModalBody,
  ModalHeader,
  PageSection,
  TextArea,
  TextInput,
  ToolbarItem,
} from '@patternfly/react-core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Controller, type FieldError, useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router';
import { applications, listAll, providers } from '../api/endpoints.js';
import type { Application, ApplicationRequest } from '../api/types.js';
import { CheckList } from '../components/check-list.js';
import { applyFieldErrors, ConfirmModal, DOCS, FormErrors, PageHeader } from '../components/common.js';
import { ListView } from '../components/list-view.js';
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
    client.removeQueries({ queryKey: ['providers'], type: 'inactive' });
    client.removeQueries({ queryKey: ['sync-status'], type: 'inactive' });
    await client.invalidateQueries({ queryKey: ['applications'] });
    await client.invalidateQueries({ queryKey: ['providers'] });
    await client.invalidateQueries({ queryKey: ['sync-status'] });
  };
  return (
    <>
      <PageHeader
        title="Applications"
        description="Applications tie providers together. For Entra ID, create an application whose Backchannel Providers list your Microsoft Entra Provider."
        help={DOCS.createProvider}
      />
      <PageSection>
        <ListView<Application>
          label="Applications"
          queryKey={['applications']}
          initialSearch={params.get('search') ?? ''}
          fetchPage={applications.list}
          rowKey={(a) => a.slug}
          toolbarItems={
            <ToolbarItem>
              <Button variant="primary" onClick={() => setEditing('new')}>
                Create
              </Button>
            </ToolbarItem>
          }
          emptyText="Create an application and select your Entra provider under Backchannel Providers."
          columns={[
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
          ]}
        />
      </PageSection>
      {editing && (
        <Modal isOpen onClose={() => setEditing(null)} variant="medium" aria-labelledby="app-form-title">
          <ModalHeader
            title={editing === 'new' ? 'Create Application' : `Update Application: ${editing.name}`}
            labelId="app-form-title"
          />
          <ModalBody>
            <ApplicationForm
              application={editing === 'new' ? null : editing}
              onCancel={() => setEditing(null)}
              onSaved={async () => {
                setEditing(null);
                await forgetProviders();
              }}
            />
          </ModalBody>
        </Modal>
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

function Help({ id, error, children }: { id: string; error?: FieldError; children?: ReactNode }) {
  return (
    <FormHelperText>
      <HelperText id={id}>
        {error ? (
          <HelperTextItem variant="error" role="alert">
            {error.message}
          </HelperTextItem>
        ) : (
          <HelperTextItem>{children}</HelperTextItem>
        )}
      </HelperText>
    </FormHelperText>
  );
}

export function ApplicationForm({
  application,
  onCancel,
  onSaved,
}: {
  application: Application | null;
  onCancel: () => void;
  onSaved: (a: Application) => Promise<void> | void;
}) {
  const all = useQuery({ queryKey: ['providers', 'all'], queryFn: () => listAll(providers.all) });
  const backchannel = useQuery({
    queryKey: ['providers', 'all', 'backchannel'],
    queryFn: () => listAll(providers.all, { backchannel: true }),
  });
  const mainProviders = (all.data ?? []).filter((p) => !(backchannel.data ?? []).some((b) => b.pk === p.pk));
  const [slugTouched, setSlugTouched] = useState(application !== null);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const { register, control, handleSubmit, setValue, setError, formState } = useForm<AppFormValues>({
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
  const errors = formState.errors;
  const nameField = register('name', {
    required: 'Name is required.',
    onChange: (e) => {
      if (!slugTouched)
        setValue('slug', slugify(String(e.target.value)), { shouldValidate: formState.isSubmitted });
    },
  });
  const slugField = register('slug', {
    required: 'Slug is required.',
    pattern: { value: SLUG_PATTERN, message: 'Use only letters, numbers, underscores or hyphens.' },
    maxLength: { value: 50, message: 'At most 50 characters.' },
    onChange: () => setSlugTouched(true),
  });
  const submit = handleSubmit(async (values) => {
    setFormErrors([]);
    const body: ApplicationRequest = {
      ...values,
      provider: values.provider ? Number(values.provider) : null,
    };
    try {
      const saved = application
        ? await applications.update(application.slug, body)
        : await applications.create(body);
      await onSaved(saved);
    } catch (error) {
      setFormErrors(applyFieldErrors(error, setError, APP_FIELDS as readonly string[]));
    }
  });
  return (
    <Form onSubmit={submit} noValidate>
      <FormErrors messages={formErrors} />
      <FormGroup label="Name" isRequired fieldId="app-name">
        <TextInput
          id="app-name"
          {...nameField}
          isRequired
          validated={errors.name ? 'error' : 'default'}
          aria-describedby="app-name-help"
        />
        <Help id="app-name-help" error={errors.name}>
          Application's display name.
        </Help>
      </FormGroup>
      <FormGroup label="Slug" isRequired fieldId="app-slug">
        <TextInput
          id="app-slug"
          {...slugField}
          isRequired
          validated={errors.slug ? 'error' : 'default'}
          aria-describedby="app-slug-help"
        />
        <Help id="app-slug-help" error={errors.slug}>
          Internal application name used in URLs: letters, numbers, underscores or hyphens. Suggested from the
          name until you edit it.
        </Help>
      </FormGroup>
      <FormGroup label="Provider" fieldId="app-provider">
        <Controller
          control={control}
          name="provider"
          render={({ field }) => (
            <FormSelect
              id="app-provider"
              value={field.value === null ? '' : String(field.value)}
              onChange={(_e, v) => field.onChange(v === '' ? null : Number(v))}
              aria-describedby="app-provider-help"
              validated={errors.provider ? 'error' : 'default'}
            >
              <FormSelectOption value="" label="---------" />
              {mainProviders.map((p) => (
                <FormSelectOption key={p.pk} value={String(p.pk)} label={p.name} />
              ))}
            </FormSelect>
          )}
        />
        <Help id="app-provider-help" error={errors.provider as FieldError | undefined}>
          Leave this empty for Entra ID: a Microsoft Entra Provider is a backchannel provider and goes in the
          next field.
        </Help>
      </FormGroup>
      <FormGroup label="Backchannel Providers" fieldId="app-backchannel" role="group" isStack>
        <Controller
          control={control}
          name="backchannel_providers"
          render={({ field }) => (
            <CheckList
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
              value={field.value}
              onChange={field.onChange}
              emptyText={
                <>
                  No backchannel provider yet.{' '}
                  <Link to="/providers/create">Create a Microsoft Entra Provider</Link> first.
                </>
              }
              describedBy="app-backchannel-help"
            />
          )}
        />
        <Help id="app-backchannel-help" error={errors.backchannel_providers as FieldError | undefined}>
          This field is required for Entra ID: select your Microsoft Entra Provider. Backchannel providers
          augment the functionality of the main provider; a Microsoft Entra Provider only syncs once an
          application lists it here.
        </Help>
      </FormGroup>
      <FormFieldGroupExpandable
        toggleAriaLabel="UI settings"
        header={
          <FormFieldGroupHeader
            titleText={{ text: 'UI settings', id: 'app-ui-settings' }}
            titleDescription="Optional: how the application is shown to users. Leave empty for Entra ID."
          />
        }
      >
        <FormGroup label="Launch URL" fieldId="app-launch-url">
          <TextInput
            id="app-launch-url"
            type="url"
            {...register('meta_launch_url')}
            validated={errors.meta_launch_url ? 'error' : 'default'}
            aria-describedby="app-launch-url-help"
          />
          <Help id="app-launch-url-help" error={errors.meta_launch_url}>
            If left empty, the application has no launch link.
          </Help>
        </FormGroup>
        <FormGroup label="Icon" fieldId="app-icon">
          <TextInput
            id="app-icon"
            {...register('meta_icon')}
            validated={errors.meta_icon ? 'error' : 'default'}
            aria-describedby="app-icon-help"
          />
          <Help id="app-icon-help" error={errors.meta_icon}>
            An icon URL (https:// or a path).
          </Help>
        </FormGroup>
        <FormGroup label="Publisher" fieldId="app-publisher">
          <TextInput
            id="app-publisher"
            {...register('meta_publisher')}
            validated={errors.meta_publisher ? 'error' : 'default'}
          />
          {errors.meta_publisher && <Help id="app-publisher-help" error={errors.meta_publisher} />}
        </FormGroup>
        <FormGroup label="Description" fieldId="app-description">
          <TextArea
            id="app-description"
            {...register('meta_description')}
            validated={errors.meta_description ? 'error' : 'default'}
            resizeOrientation="vertical"
          />
          {errors.meta_description && <Help id="app-description-help" error={errors.meta_description} />}
        </FormGroup>
        <FormGroup fieldId="app-new-tab">
          <Controller
            control={control}
            name="open_in_new_tab"
            render={({ field }) => (
              <Checkbox
                id="app-new-tab"
                label="Open in new tab"
                isChecked={field.value}
                onChange={(_e, v) => field.onChange(v)}
              />
            )}
          />
        </FormGroup>
      </FormFieldGroupExpandable>
      <ActionGroup>
        <Button
          type="submit"
          variant="primary"
          isLoading={formState.isSubmitting}
          isDisabled={formState.isSubmitting}
        >
          {application ? 'Save' : 'Create'}
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </ActionGroup>
    </Form>
  );
}
