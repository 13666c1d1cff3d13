/**
 * Customization > Property Mappings: the list (managed defaults marked) and the editor with a
 * highlighted code editor and a live preview against a chosen user or group.
 */
import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  Checkbox,
  Flex,
  Form,
  FormGroup,
  Grid,
  GridItem,
  Label,
  PageSection,
  Radio,
  Spinner,
  TextInput,
} from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { mappings as mappingsApi } from '../api/endpoints.js';
import { queryKeys } from '../api/queries/keys.js';
import { useMapping, useMappingPreview } from '../api/queries/mappings.js';
import { useAllEntraProviders } from '../api/queries/providers.js';
import type { MappingPreviewRequest, PropertyMapping } from '../api/types.js';
import { CodeEditor } from '../components/code-editor.js';
import {
  ConfirmModal,
  DOCS,
  ErrorAlert,
  errorMessage,
  JsonBlock,
  PageHeader,
  TitledCard,
} from '../components/common.js';
import { ListPage } from '../components/crud-shell.js';
import { Help, SelectGroup } from '../components/form-fields.js';
import { useDebounced } from '../components/list-view.js';
import { SearchSelect, searchGroups, searchUsers } from '../components/search-select.js';
import { useTitle } from '../components/use-title.js';

export function PropertyMappingsPage() {
  useTitle('Property Mappings');
  const navigate = useNavigate();
  return (
    <ListPage<PropertyMapping>
      title="Property Mappings"
      description="Property mappings turn directory users and groups into the Microsoft Graph bodies Conduit sends. They are JavaScript; the managed defaults are kept up to date by Conduit."
      help={DOCS.mappings}
      onCreate={() => navigate('/property-mappings/create')}
      list={{
        label: 'Property mappings',
        queryKey: queryKeys.mappings.all,
        fetchPage: (q) => mappingsApi.list({ ...q, ordering: 'managed' }),
        rowKey: (m) => m.pk,
        columns: [
          { title: 'Name', render: (m) => <Link to={`/property-mappings/${m.pk}`}>{m.name}</Link> },
          { title: 'Type', render: () => 'Microsoft Entra Provider Mapping' },
          {
            title: 'Managed',
            render: (m) =>
              m.managed ? (
                <Label color="blue" isCompact>
                  Managed
                </Label>
              ) : (
                'Custom'
              ),
          },
          {
            title: 'Expression',
            render: (m) => <code className="cd-wrap">{firstLine(m.expression)}</code>,
            modifier: 'truncate',
          },
        ],
      }}
    />
  );
}

const firstLine = (s: string) => s.split('\n').find((l) => l.trim() && !l.trim().startsWith('//')) ?? '';

const NEW_EXPRESSION = `// Runs for each user (or group) being synced; return Graph properties to merge.
// Throw SkipObject to keep an object out of the sync, for example:
// if (user.username === "example_username") throw new SkipObject();
return {
  jobTitle: user.attributes.title ?? null,
};
`;

export function MappingEditorPage() {
  const { uuid } = useParams();
  const isNew = !uuid;
  const navigate = useNavigate();
  const client = useQueryClient();
  const existing = useMapping(uuid);
  const [name, setName] = useState('');
  const [expression, setExpression] = useState(NEW_EXPRESSION);
  // Which mapping the form holds: a Duplicate moves to another mapping in the same page.
  const [loadedPk, setLoadedPk] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [duplicating, setDuplicating] = useState(false);
  useTitle(isNew ? 'Create Property Mapping' : (existing.data?.name ?? 'Property Mapping'));
  useEffect(() => {
    if (existing.data && existing.data.pk === uuid && loadedPk !== uuid) {
      setName(existing.data.name);
      setExpression(existing.data.expression);
      setLoadedPk(uuid);
    }
  }, [existing.data, loadedPk, uuid]);

  // Preview target.
  const [kind, setKind] = useState<'user' | 'group'>('user');
  const [target, setTarget] = useState<string | null>(null);
  const [providerId, setProviderId] = useState<string>('');
  const [merge, setMerge] = useState(false);
  const providers = useAllEntraProviders();
  const provider = providers.data?.find((p) => String(p.pk) === providerId);
  const debouncedExpression = useDebounced(expression, 400);
  const previewBody: MappingPreviewRequest | null = target
    ? {
        expression: debouncedExpression,
        name: name || 'Unsaved mapping',
        ...(kind === 'user' ? { user: Number(target) } : { group: target }),
        ...(provider ? { provider: provider.pk } : {}),
        ...(provider && merge
          ? {
              mappings: (kind === 'user'
                ? provider.property_mappings
                : provider.property_mappings_group
              ).filter((m) => m !== uuid),
            }
          : {}),
      }
    : null;
  const preview = useMappingPreview(previewBody);
  const errorLine =
    preview.data?.status === 'error' &&
    (!preview.data.error?.mapping || preview.data.error.mapping === (name || 'Unsaved mapping'))
      ? (preview.data.error?.line ?? null)
      : null;

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    setFieldErrors({});
    setSaved(false);
    try {
      if (isNew) {
        const created = await mappingsApi.create({ name, expression });
        await client.invalidateQueries({ queryKey: queryKeys.mappings.all });
        navigate(`/property-mappings/${created.pk}`, { replace: true });
      } else {
        await mappingsApi.update(uuid as string, { name, expression });
        await client.invalidateQueries({ queryKey: queryKeys.mappings.all });
        setSaved(true);
      }
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0)
        setFieldErrors(error.fieldErrors);
      else setSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  /** An editable copy of this mapping (how a managed default is changed): the first free "(copy)" name. */
  const duplicate = async () => {
    setSaveError(null);
    setDuplicating(true);
    try {
      for (let n = 1; ; n++) {
        const copyName = `${name} (copy${n > 1 ? ` ${n}` : ''})`;
        try {
          const created = await mappingsApi.create({ name: copyName, expression });
          await client.invalidateQueries({ queryKey: queryKeys.mappings.all });
          navigate(`/property-mappings/${created.pk}`);
          return;
        } catch (error) {
          // Another copy has this name: try the next; anything else is shown.
          if (!(error instanceof ApiError && error.fieldErrors.name) || n >= 20) throw error;
        }
      }
    } catch (error) {
      setSaveError(error);
    } finally {
      setDuplicating(false);
    }
  };

  if (!isNew && existing.isLoading) return <Spinner aria-label="Loading mapping" />;
  if (!isNew && existing.error)
    return (
      <PageSection>
        <ErrorAlert error={existing.error} />
      </PageSection>
    );
  const managed = existing.data?.managed;
  const nonField = [
    ...(fieldErrors.non_field_errors ?? []),
    ...Object.entries(fieldErrors)
      .filter(([k]) => !['name', 'expression', 'non_field_errors'].includes(k))
      .map(([k, v]) => `${k}: ${v.join(' ')}`),
  ];
  return (
    <>
      <PageHeader
        title={isNew ? 'Create Property Mapping' : `Property Mapping: ${existing.data?.name ?? ''}`}
        description="JavaScript that returns Microsoft Graph properties for a user or group. The preview evaluates your unsaved text."
        help={DOCS.mappings}
      />
      <PageSection>
        <Grid hasGutter>
          <GridItem lg={7} span={12}>
            <Card>
              <CardBody>
                {managed && (
                  <Alert
                    variant="info"
                    isInline
                    title="This is a managed default mapping: it is read-only"
                    className="pf-v6-u-mb-md"
                  >
                    Conduit keeps managed mappings up to date, so they cannot be edited or deleted. Duplicate
                    it to get an editable copy, then use the copy in the provider instead of (or after) this
                    one.
                  </Alert>
                )}
                {saveError !== null && <ErrorAlert error={saveError} title="Could not save" />}
                {nonField.length > 0 && (
                  <Alert variant="danger" isInline title="Could not save" className="pf-v6-u-mb-md">
                    {nonField.join(' ')}
                  </Alert>
                )}
                {saved && (
                  <Alert variant="success" isInline isPlain title="Saved." className="pf-v6-u-mb-md" />
                )}
                <Form
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (!managed) void save();
                  }}
                >
                  <FormGroup label="Name" isRequired fieldId="mapping-name">
                    <TextInput
                      id="mapping-name"
                      value={name}
                      onChange={(_e, v) => setName(v)}
                      readOnlyVariant={managed ? 'default' : undefined}
                      isRequired
                      validated={fieldErrors.name ? 'error' : 'default'}
                      aria-describedby="mapping-name-help"
                    />
                    <Help id="mapping-name-help" error={fieldErrors.name?.join(' ')}>
                      Mappings run in ascending name order; later results win when they set the same property.
                    </Help>
                  </FormGroup>
                  <FormGroup label="Expression" isRequired fieldId="mapping-expression">
                    <CodeEditor
                      id="mapping-expression"
                      value={expression}
                      onChange={setExpression}
                      errorLine={errorLine}
                      describedBy="mapping-expression-help"
                      readOnly={Boolean(managed)}
                    />
                    <Help id="mapping-expression-help" error={fieldErrors.expression?.join(' ')}>
                      Available: <code>user</code>, <code>group</code>, <code>provider</code>,{' '}
                      <code>connection</code>, helpers such as <code>slugify</code> and{' '}
                      <code>randomPassword</code>, and <code>SkipObject</code>. Tab indents; press Escape then
                      Tab to leave the editor. <Link to={DOCS.mappings}>Reference</Link>
                    </Help>
                  </FormGroup>
                  <ActionGroup>
                    {managed ? (
                      <Button
                        variant="primary"
                        onClick={() => void duplicate()}
                        isLoading={duplicating}
                        isDisabled={duplicating}
                      >
                        Duplicate
                      </Button>
                    ) : (
                      <Button type="submit" variant="primary" isLoading={saving} isDisabled={saving}>
                        {isNew ? 'Create' : 'Save'}
                      </Button>
                    )}
                    {!isNew && !managed && (
                      <Button
                        variant="secondary"
                        onClick={() => void duplicate()}
                        isLoading={duplicating}
                        isDisabled={duplicating}
                      >
                        Duplicate
                      </Button>
                    )}
                    {!isNew && !managed && (
                      <Button variant="danger" onClick={() => setDeleting(true)}>
                        Delete
                      </Button>
                    )}
                    <Button variant="link" onClick={() => navigate('/property-mappings')}>
                      Back to the list
                    </Button>
                  </ActionGroup>
                </Form>
              </CardBody>
            </Card>
          </GridItem>
          <GridItem lg={5} span={12}>
            <TitledCard title="Preview">
              <Form onSubmit={(e) => e.preventDefault()}>
                <FormGroup role="radiogroup" fieldId="preview-kind" label="Preview against" isInline>
                  {(['user', 'group'] as const).map((k) => (
                    <Radio
                      key={k}
                      id={`preview-kind-${k}`}
                      name="preview-kind"
                      label={k === 'user' ? 'A user' : 'A group'}
                      isChecked={kind === k}
                      onChange={() => {
                        setKind(k);
                        setTarget(null);
                      }}
                    />
                  ))}
                </FormGroup>
                <FormGroup
                  label={kind === 'user' ? 'Preview user' : 'Preview group'}
                  fieldId="preview-target"
                >
                  <SearchSelect
                    key={kind}
                    id="preview-target"
                    queryKey={kind === 'user' ? 'users' : 'groups'}
                    ariaLabel={kind === 'user' ? 'Preview user' : 'Preview group'}
                    value={target}
                    onChange={(v) => setTarget(v)}
                    search={kind === 'user' ? searchUsers : searchGroups}
                    placeholder={kind === 'user' ? 'Choose a user…' : 'Choose a group…'}
                  />
                </FormGroup>
                <SelectGroup
                  id="preview-provider"
                  label="Provider"
                  value={providerId}
                  onChange={setProviderId}
                  options={[
                    { value: '', label: 'None (no provider, no connection)' },
                    ...(providers.data ?? []).map((p) => ({ value: String(p.pk), label: p.name })),
                  ]}
                  help={
                    <>
                      Sets <code>provider</code> and the object's existing <code>connection</code>, if any.
                    </>
                  }
                />
                {provider && (
                  <Checkbox
                    id="preview-merge"
                    label={`Merge with ${provider.name}'s other ${kind} mappings`}
                    isChecked={merge}
                    onChange={(_e, v) => setMerge(v)}
                  />
                )}
              </Form>
              <div className="pf-v6-u-mt-md" aria-live="polite" data-testid="mapping-preview">
                {!target && <p>Choose a {kind} to see the Graph body this mapping produces.</p>}
                {target && preview.isFetching && !preview.data && (
                  <Spinner size="md" aria-label="Evaluating" />
                )}
                {preview.error && (
                  <Alert variant="danger" isInline title="Preview failed">
                    {errorMessage(preview.error)}
                  </Alert>
                )}
                {target && preview.data && (
                  <>
                    {preview.data.status === 'ok' && (
                      <>
                        <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }}>
                          <strong>Merged Graph body</strong>
                          <span className="pf-v6-u-font-size-sm">{preview.data.mappings.join(' → ')}</span>
                        </Flex>
                        <JsonBlock value={preview.data.body} label="Merged Graph body" />
                      </>
                    )}
                    {preview.data.status === 'skip' && (
                      <Alert variant="info" isInline title="SkipObject: this object would not be synced">
                        Skipped by mapping “{preview.data.skipped_by}”.
                      </Alert>
                    )}
                    {preview.data.status === 'error' && preview.data.error && (
                      <Alert variant="danger" isInline title="The mapping failed">
                        <p className="cd-wrap">{preview.data.error.message}</p>
                        <p>
                          {preview.data.error.mapping && <>Mapping “{preview.data.error.mapping}”</>}
                          {preview.data.error.line !== undefined && preview.data.error.line !== null && (
                            <>
                              {' '}
                              at line {preview.data.error.line}
                              {preview.data.error.column ? `, column ${preview.data.error.column}` : ''}
                            </>
                          )}
                        </p>
                      </Alert>
                    )}
                    {preview.data.logs.length > 0 && (
                      <>
                        <strong className="pf-v6-u-display-block pf-v6-u-mt-sm">Logs</strong>
                        <pre className="cd-json">{preview.data.logs.join('\n')}</pre>
                      </>
                    )}
                  </>
                )}
              </div>
            </TitledCard>
          </GridItem>
        </Grid>
      </PageSection>
      {deleting && existing.data && (
        <ConfirmModal
          title={`Delete ${existing.data.name}?`}
          body="Providers that use it stop applying it."
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await mappingsApi.remove(existing.data.pk);
            await client.invalidateQueries({ queryKey: queryKeys.mappings.all });
            navigate('/property-mappings');
          }}
        />
      )}
    </>
  );
}
