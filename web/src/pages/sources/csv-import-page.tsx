/** Directory › Users › Import from CSV: upload, map columns, preview the changes, then apply. */
import {
  ActionGroup,
  Alert,
  Button,
  FileUpload,
  Form,
  FormGroup,
  PageSection,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.js';
import {
  CSV_DELIMITERS,
  type CsvColumns,
  type CsvDelimiter,
  type CsvImportPreview,
  type CsvImportRequest,
  type CsvImportResult,
  useApplyCsvImport,
  useCsvColumns,
  useCsvPreview,
} from '../../api/sources.js';
import { ErrorAlert, errorMessage, PageHeader, plural, TitledCard } from '../../components/common.js';
import { Help, SelectGroup } from '../../components/form-fields.js';
import { useTitle } from '../../components/use-title.js';
import {
  type ColumnChoice,
  CountLabels,
  choiceOf,
  MAX_SHOWN_ROWS,
  MappingTable,
  PreviewTable,
  ResultTable,
  targetOf,
} from './csv-import-tables.js';

/** Field errors of a 400 by field, and the rest as messages. */
function splitErrors(error: unknown, known: (field: string) => boolean) {
  const fields: Record<string, string[]> = {};
  const rest: string[] = [];
  if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
    for (const [field, messages] of Object.entries(error.fieldErrors)) {
      if (known(field)) fields[field] = messages;
      else rest.push(field === 'non_field_errors' ? messages.join(' ') : `${field}: ${messages.join(' ')}`);
    }
  } else if (error) rest.push(errorMessage(error));
  return { fields, rest };
}

const PREVIEW_WORDS = {
  create: 'to create',
  update: 'to update',
  unchanged: 'unchanged',
  error: 'with errors',
};
const RESULT_WORDS = {
  created: 'created',
  updated: 'updated',
  unchanged: 'unchanged',
  error: 'with errors (not applied)',
  rolled_back: 'rolled back',
};

export function CsvImportPage() {
  useTitle('Import users from CSV');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [delimiter, setDelimiter] = useState<CsvDelimiter>(',');
  const [columns, setColumns] = useState<CsvColumns | null>(null);
  const [choices, setChoices] = useState<Record<string, ColumnChoice>>({});
  const [key, setKey] = useState('username');
  const [groupSeparator, setGroupSeparator] = useState(';');
  const [preview, setPreview] = useState<{ request: CsvImportRequest; plan: CsvImportPreview } | null>(null);
  const [result, setResult] = useState<CsvImportResult | null>(null);
  const readColumns = useCsvColumns();
  const previewMutation = useCsvPreview();
  const apply = useApplyCsvImport();

  const loadColumns = (text: string, separator: CsvDelimiter) => {
    setColumns(null);
    setPreview(null);
    setResult(null);
    readColumns.mutate(
      { csv: text, delimiter: separator },
      {
        onSuccess: (found) => {
          setColumns(found);
          setChoices(
            Object.fromEntries(found.columns.map((c) => [c, choiceOf(found.suggested_mapping[c] ?? '')])),
          );
          if (found.suggested_key) setKey(found.suggested_key);
        },
      },
    );
  };

  const mapping = Object.fromEntries(
    Object.entries(choices)
      .map(([column, choice]) => [column, targetOf(choice)] as const)
      .filter(([, target]) => target !== ''),
  );
  const keyOptions = [
    { value: 'username', label: 'Username' },
    { value: 'email', label: 'Email' },
    ...Object.values(mapping)
      .filter((t) => t.startsWith('attributes.'))
      .map((t) => ({ value: t, label: `Attribute ${t.slice('attributes.'.length)}` })),
  ];
  const request: CsvImportRequest | null = file
    ? { csv: file.text, delimiter, mapping, key, group_separator: groupSeparator }
    : null;

  const runPreview = () => {
    if (!request) return;
    setResult(null);
    apply.reset();
    previewMutation.mutate(request, { onSuccess: (plan) => setPreview({ request, plan }) });
  };

  const fileErrors = splitErrors(readColumns.error, (f) => f === 'csv' || f === 'delimiter');
  const previewErrors = splitErrors(
    previewMutation.error,
    (f) => ['csv', 'delimiter', 'key', 'group_separator'].includes(f) || f.startsWith('mapping.'),
  );
  const staleMapping = preview !== null && JSON.stringify(preview.request) !== JSON.stringify(request);
  const writes = preview ? preview.plan.counts.create + preview.plan.counts.update : 0;

  return (
    <>
      <PageHeader
        title="Import users from CSV"
        description={
          <>
            Create and update <Link to="/users">users</Link> from a CSV file: map its columns to user fields,
            preview what changes, then apply. Importing the same file again changes nothing.
          </>
        }
        help="/help/csv-import"
      />
      <PageSection>
        <TitledCard title="1. File" className="pf-v6-u-mb-md">
          <Form onSubmit={(e) => e.preventDefault()}>
            <FormGroup label="CSV file" fieldId="csv-file">
              <FileUpload
                id="csv-file"
                type="text"
                value={file?.text ?? ''}
                filename={file?.name ?? ''}
                filenamePlaceholder="Choose a file with a header line"
                filenameAriaLabel="Selected file"
                aria-label="File contents"
                browseButtonText="Upload"
                browseButtonAriaDescribedby="csv-file-help"
                clearButtonText="Clear"
                hideDefaultPreview
                isLoading={readColumns.isPending}
                validated={fileErrors.fields.csv ? 'error' : 'default'}
                dropzoneProps={{ accept: { 'text/csv': ['.csv', '.txt'] } }}
                onFileInputChange={(_e, chosen) => {
                  void chosen.text().then((text) => {
                    setFile({ name: chosen.name, text });
                    loadColumns(text, delimiter);
                  });
                }}
                onClearClick={() => {
                  setFile(null);
                  setColumns(null);
                  setPreview(null);
                  setResult(null);
                  readColumns.reset();
                }}
              />
              <Help id="csv-file-help" error={fileErrors.fields.csv?.join(' ')}>
                UTF-8, the first line naming the columns; at most 5 MiB and 10,000 rows.
              </Help>
            </FormGroup>
            <SelectGroup
              id="csv-delimiter"
              label="Delimiter"
              value={delimiter}
              onChange={(value) => {
                setDelimiter(value as CsvDelimiter);
                if (file) loadColumns(file.text, value as CsvDelimiter);
              }}
              options={CSV_DELIMITERS}
            />
          </Form>
          {fileErrors.rest.length > 0 && (
            <Alert variant="danger" isInline title="The file could not be read" className="pf-v6-u-mt-md">
              {fileErrors.rest.join(' ')}
            </Alert>
          )}
        </TitledCard>

        {columns && (
          <TitledCard title="2. Columns" className="pf-v6-u-mb-md">
            <p className="pf-v6-u-mb-md">
              {plural(columns.rows, 'row', 'rows')} found. Each column was matched to a field by its name;
              change what does not fit.
            </p>
            <MappingTable
              columns={columns.columns}
              sample={columns.sample}
              choices={choices}
              errors={previewErrors.fields}
              onChange={(column, choice) => setChoices((current) => ({ ...current, [column]: choice }))}
            />
            <Form className="pf-v6-u-mt-md" onSubmit={(e) => e.preventDefault()}>
              <SelectGroup
                id="csv-key"
                label="Key"
                isRequired
                value={key}
                onChange={setKey}
                options={keyOptions}
                error={previewErrors.fields.key?.join(' ')}
                help="The field that finds each row's user: a row whose key matches no user creates one."
              />
              <FormGroup label="Group separator" fieldId="csv-group-separator">
                <TextInput
                  id="csv-group-separator"
                  value={groupSeparator}
                  onChange={(_e, value) => setGroupSeparator(value)}
                  validated={previewErrors.fields.group_separator ? 'error' : 'default'}
                />
                <Help id="csv-group-separator-help" error={previewErrors.fields.group_separator?.join(' ')} />
              </FormGroup>
              {previewErrors.rest.length > 0 && (
                <Alert variant="danger" isInline title="The preview failed">
                  {previewErrors.rest.join(' ')}
                </Alert>
              )}
              <ActionGroup>
                <Button variant="primary" onClick={runPreview} isLoading={previewMutation.isPending}>
                  Preview
                </Button>
              </ActionGroup>
            </Form>
          </TitledCard>
        )}

        {preview && (
          <TitledCard title="3. Preview" className="pf-v6-u-mb-md">
            <CountLabels counts={preview.plan.counts} words={PREVIEW_WORDS} />
            {staleMapping && (
              <Alert
                variant="warning"
                isInline
                title="The mapping changed since this preview"
                className="pf-v6-u-mt-md"
              >
                Preview again before applying.
              </Alert>
            )}
            {preview.plan.rows.length > MAX_SHOWN_ROWS && (
              <p className="pf-v6-u-mt-md">
                The first {MAX_SHOWN_ROWS} rows are shown; the counts cover them all.
              </p>
            )}
            <PreviewTable preview={preview.plan} />
            <ErrorAlert error={apply.error} title="The import was not applied" />
            {apply.error instanceof ApiError && apply.error.status === 409 && (
              <Button variant="secondary" onClick={runPreview} className="pf-v6-u-mb-md">
                Preview again
              </Button>
            )}
            {!result && (
              <ActionGroup className="pf-v6-u-mt-md">
                <Button
                  variant="primary"
                  isDisabled={writes === 0 || staleMapping}
                  isLoading={apply.isPending}
                  onClick={() =>
                    apply.mutate(
                      { ...preview.request, digest: preview.plan.digest },
                      { onSuccess: setResult },
                    )
                  }
                >
                  {writes === 0 ? 'Nothing to apply' : `Apply ${plural(writes, 'change', 'changes')}`}
                </Button>
              </ActionGroup>
            )}
          </TitledCard>
        )}

        {result && (
          <TitledCard title="4. Result">
            <Alert
              variant={result.counts.rolled_back > 0 ? 'warning' : 'success'}
              isInline
              title={`Import applied: ${result.counts.created} created, ${result.counts.updated} updated`}
              className="pf-v6-u-mb-md"
            >
              <CountLabels counts={result.counts} words={RESULT_WORDS} />
            </Alert>
            <ResultTable result={result} />
          </TitledCard>
        )}
      </PageSection>
    </>
  );
}
