/**
 * The shell the resource pages share: a list page with search,
 * pagination, **Create** and the create dialog; a detail page with **Edit** (dialog) and **Delete**
 * (confirmation); and the form's closing buttons.
 */
import {
  ActionGroup,
  Bullseye,
  Button,
  Form,
  Modal,
  ModalBody,
  ModalHeader,
  PageSection,
  Spinner,
  ToolbarItem,
} from '@patternfly/react-core';
import { type QueryKey, type UseQueryResult, useQueryClient } from '@tanstack/react-query';
import {
  type BaseSyntheticEvent,
  type ComponentProps,
  type ComponentType,
  type ReactNode,
  useState,
} from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { applyFieldErrors, ConfirmModal, ErrorAlert, FormErrors, PageHeader } from './common.js';
import { ListView } from './list-view.js';
import { useTitle } from './use-title.js';

/** What a resource's form takes: the object to edit (null to create), and what to do after. */
export interface ResourceFormProps<T> {
  item: T | null;
  onCancel: () => void;
  onSaved: (saved: T) => Promise<void> | void;
}

/** A form dialog: "Create <noun>" or "Update <noun>: <name>". */
export function FormModal({
  id,
  title,
  onClose,
  children,
}: {
  id: string;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Modal isOpen onClose={onClose} variant="medium" aria-labelledby={id}>
      <ModalHeader title={title} labelId={id} />
      <ModalBody>{children}</ModalBody>
    </Modal>
  );
}

/** **Edit** and **Delete**, for a page header. */
export function EditDeleteActions({ onEdit, onDelete }: { onEdit: () => void; onDelete: () => void }) {
  return (
    <>
      <Button variant="secondary" onClick={onEdit}>
        Edit
      </Button>
      <Button variant="danger" onClick={onDelete}>
        Delete
      </Button>
    </>
  );
}

/** Submit ("Save" when editing, "Create" otherwise) and Cancel. */
export function FormActions({
  isEdit,
  isSubmitting,
  isDisabled,
  onCancel,
}: {
  isEdit: boolean;
  isSubmitting: boolean;
  /** Not ready to send (a required value is missing). */
  isDisabled?: boolean;
  onCancel: () => void;
}) {
  return (
    <ActionGroup>
      <Button
        type="submit"
        variant="primary"
        isLoading={isSubmitting}
        isDisabled={isSubmitting || isDisabled}
      >
        {isEdit ? 'Save' : 'Create'}
      </Button>
      <Button variant="link" onClick={onCancel}>
        Cancel
      </Button>
    </ActionGroup>
  );
}

/** A noun as part of an element id: lower case, white space as '-' ("LDAP source" → "ldap-source"). */
function idPart(noun: string): string {
  return noun.toLowerCase().replace(/\s+/g, '-');
}

/** What `useFormSubmit` gives a form. */
export interface FormSubmit {
  submit: (event?: BaseSyntheticEvent) => Promise<unknown>;
  /** The messages of the last failed save that no field owns. */
  formErrors: string[];
  isSubmitting: boolean;
}

/**
 * A form's submit handler: `save` runs with the valid values; when it fails, a 400's messages go
 * on the fields in `known` (the first takes the focus) and the rest to `formErrors`, shown above
 * the form.
 */
export function useFormSubmit<V extends FieldValues>(
  form: Pick<UseFormReturn<V>, 'handleSubmit' | 'setError' | 'formState'>,
  known: readonly string[],
  save: (values: V) => Promise<void>,
): FormSubmit {
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const submit = form.handleSubmit(async (values) => {
    setFormErrors([]);
    try {
      await save(values);
    } catch (error) {
      setFormErrors(applyFieldErrors(error, form.setError, known));
    }
  });
  return { submit, formErrors, isSubmitting: form.formState.isSubmitting };
}

/** A resource form: the messages no field owns above, its fields, and **Save** (or **Create**) and Cancel. */
export function ResourceFormBody({
  submit,
  formErrors,
  children,
  ...actions
}: ComponentProps<typeof FormActions> & FormSubmit & { children: ReactNode }) {
  return (
    <Form onSubmit={submit} noValidate>
      <FormErrors messages={formErrors} />
      {children}
      <FormActions {...actions} />
    </Form>
  );
}

type ListProps<T> = Omit<ComponentProps<typeof ListView<T>>, 'toolbarItems'>;

/**
 * A list page: the header, and the list with its toolbar items and, given `onCreate`, **Create**
 * (which opens a dialog or a page of its own).
 */
export function ListPage<T>({
  title,
  description,
  help,
  list,
  onCreate,
  toolbarStart,
  toolbarEnd,
}: {
  title: string;
  description: ReactNode;
  /** A page of the admin guide, linked from the header. */
  help?: string;
  list: ListProps<T>;
  onCreate?: () => void;
  toolbarStart?: ReactNode;
  toolbarEnd?: ReactNode;
}) {
  const hasToolbar = toolbarStart !== undefined || onCreate !== undefined || toolbarEnd !== undefined;
  return (
    <>
      <PageHeader title={title} description={description} help={help} />
      <PageSection>
        <ListView<T>
          {...list}
          toolbarItems={
            hasToolbar ? (
              <>
                {toolbarStart}
                {onCreate && (
                  <ToolbarItem>
                    <Button variant="primary" onClick={onCreate}>
                      Create
                    </Button>
                  </ToolbarItem>
                )}
                {toolbarEnd}
              </>
            ) : undefined
          }
        />
      </PageSection>
    </>
  );
}

/**
 * A resource's list page: header, the list with **Create** (and any other toolbar items), and the
 * create dialog; a creation refreshes `queryKey` and opens the new object's page (`pathOf`).
 */
export function ResourceListPage<T>({
  noun,
  form: ResourceForm,
  queryKey,
  pathOf,
  ...page
}: Omit<ComponentProps<typeof ListPage<T>>, 'onCreate'> & {
  /** "User", "Group": the dialog says "Create User". */
  noun: string;
  form: ComponentType<ResourceFormProps<T>>;
  /** The resource's queries, refreshed after a creation. */
  queryKey: QueryKey;
  /** The page of one object. */
  pathOf: (item: T) => string;
}) {
  useTitle(page.title);
  const [creating, setCreating] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  const formId = `${idPart(noun)}-form-title`;
  return (
    <>
      <ListPage<T> {...page} onCreate={() => setCreating(true)} />
      {creating && (
        <FormModal id={formId} title={`Create ${noun}`} onClose={() => setCreating(false)}>
          <ResourceForm
            item={null}
            onCancel={() => setCreating(false)}
            onSaved={async (saved) => {
              setCreating(false);
              await client.invalidateQueries({ queryKey });
              navigate(pathOf(saved));
            }}
          />
        </FormModal>
      )}
    </>
  );
}

/**
 * A resource's own page: loading and error states, the header with **Edit** and **Delete**, the edit
 * dialog and the delete confirmation around the page's content. A save refreshes `queryKey`; a
 * deletion (`remove`) refreshes it too and goes back to `listPath`.
 */
export function ResourceDetailPage<T>({
  query,
  noun,
  name,
  description,
  form: ResourceForm,
  queryKey,
  deleteBody,
  remove,
  listPath,
  children,
}: {
  query: UseQueryResult<T>;
  noun: string;
  name: (item: T) => string;
  description: (item: T) => ReactNode;
  form: ComponentType<ResourceFormProps<T>>;
  /** The resource's queries, refreshed after a save or a deletion. */
  queryKey: QueryKey;
  deleteBody: ReactNode;
  remove: (item: T) => Promise<unknown>;
  /** Where a deletion leads: the resource's list. */
  listPath: string;
  children: (item: T) => ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  const refresh = () => client.invalidateQueries({ queryKey });
  const lower = noun.toLowerCase();
  useTitle(query.data ? name(query.data) : noun);
  if (query.isLoading)
    return (
      <Bullseye>
        <Spinner aria-label={`Loading ${lower}`} />
      </Bullseye>
    );
  if (!query.data)
    return (
      <PageSection>
        <ErrorAlert error={query.error} title={`Could not load the ${lower}`} />
      </PageSection>
    );
  const item = query.data;
  return (
    <>
      <PageHeader
        title={name(item)}
        description={description(item)}
        actions={<EditDeleteActions onEdit={() => setEditing(true)} onDelete={() => setDeleting(true)} />}
      />
      <PageSection>{children(item)}</PageSection>
      {editing && (
        <FormModal
          id={`${idPart(noun)}-edit-title`}
          title={`Update ${noun}: ${name(item)}`}
          onClose={() => setEditing(false)}
        >
          <ResourceForm
            item={item}
            onCancel={() => setEditing(false)}
            onSaved={async () => {
              setEditing(false);
              await refresh();
            }}
          />
        </FormModal>
      )}
      {deleting && (
        <ConfirmModal
          title={`Delete ${name(item)}?`}
          body={deleteBody}
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await remove(item);
            await refresh();
            navigate(listPath);
          }}
        />
      )}
    </>
  );
}
