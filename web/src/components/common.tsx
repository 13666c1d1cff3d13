/** Small building blocks shared by the pages: page headers, errors, dates, JSON, confirmations. */
import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  CardTitle,
  ClipboardCopy,
  Content,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Label,
  LabelGroup,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  PageSection,
  Title,
} from '@patternfly/react-core';
import { OutlinedQuestionCircleIcon } from '@patternfly/react-icons';
import { type ReactNode, useState } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { Link } from 'react-router';
import { ApiError } from '../api/client.js';

/** Links into the administrator documentation, rendered inside the app (see `pages/help.tsx`). */
export const DOCS = {
  overview: '/help/index',
  configureEntra: '/help/configure-entra',
  createProvider: '/help/create-entra-provider',
  mappings: '/help/property-mappings',
  skipObjects: '/help/property-mappings#skip-objects-during-synchronization',
  troubleshooting: '/help/troubleshooting',
  jobs: '/help/troubleshooting#failed-background-jobs',
} as const;

export function HelpLink({ to, children }: { to: string; children?: ReactNode }) {
  return (
    <Link to={to} className="pf-v6-c-button pf-m-link pf-m-inline">
      <OutlinedQuestionCircleIcon aria-hidden /> {children ?? 'Documentation'}
    </Link>
  );
}

export function PageHeader({
  title,
  description,
  help,
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  help?: string;
  actions?: ReactNode;
}) {
  return (
    <PageSection>
      <Flex
        justifyContent={{ default: 'justifyContentSpaceBetween' }}
        alignItems={{ default: 'alignItemsFlexStart' }}
        flexWrap={{ default: 'wrap' }}
      >
        <FlexItem>
          <Title headingLevel="h1">{title}</Title>
          {description && (
            <Content component="p" className="pf-v6-u-mt-sm">
              {description}
            </Content>
          )}
        </FlexItem>
        <FlexItem>
          <Flex gap={{ default: 'gapSm' }}>
            {help && <HelpLink to={help} />}
            {actions}
          </Flex>
        </FlexItem>
      </Flex>
    </PageSection>
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorAlert({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert variant="danger" isInline title={title} className="pf-v6-u-mb-md">
      {errorMessage(error)}
    </Alert>
  );
}

/**
 * Puts a 400's field errors on the form's fields (those it knows) and returns what is left
 * (`non_field_errors` and unknown fields) to show above the form.
 */
export function applyFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  known: readonly string[],
): string[] {
  if (!(error instanceof ApiError)) return [errorMessage(error)];
  const fields = error.fieldErrors;
  if (Object.keys(fields).length === 0) return [error.message];
  const rest: string[] = [];
  let focused = false;
  for (const [field, messages] of Object.entries(fields)) {
    const top = field.split('.')[0] ?? field;
    if (known.includes(top)) {
      // The first field in error takes the focus, so it is scrolled into view and announced.
      setError(top as Path<T>, { type: 'server', message: messages.join(' ') }, { shouldFocus: !focused });
      focused = true;
    } else rest.push(field === 'non_field_errors' ? messages.join(' ') : `${field}: ${messages.join(' ')}`);
  }
  return rest;
}

export function FormErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert
      variant="danger"
      isInline
      title="The form could not be saved"
      className="pf-v6-u-mb-md"
      role="alert"
    >
      {messages.map((m) => (
        <div key={m}>{m}</div>
      ))}
    </Alert>
  );
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString();
}

export function formatDuration(start: string, end: string | null): string {
  if (!end) return 'running';
  const ms = Date.parse(end) - Date.parse(start);
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function JsonBlock({ value, label }: { value: unknown; label?: string }) {
  // A scrollable block must be reachable by keyboard (WCAG 2.1.1), hence the labelled tab stop.
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable region
    <section className="cd-json" aria-label={label ?? 'JSON'} tabIndex={0}>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </section>
  );
}

const STATUS_COLORS: Record<string, 'green' | 'red' | 'orange' | 'blue' | 'grey' | 'purple'> = {
  ok: 'green',
  succeeded: 'green',
  success: 'green',
  synced: 'green',
  unchanged: 'grey',
  skipped: 'grey',
  skip: 'grey',
  pending: 'blue',
  running: 'blue',
  queued: 'blue',
  dry_run: 'purple',
  sending: 'blue',
  held: 'red',
  confirmed: 'blue',
  discarded: 'grey',
  error: 'red',
  failed: 'red',
  cancelled: 'orange',
  partial: 'orange',
  paused: 'orange',
  warning: 'orange',
};

export function StatusLabel({ status }: { status: string | null | undefined }) {
  if (!status) return <span>—</span>;
  return (
    <Label color={STATUS_COLORS[status] ?? 'grey'} isCompact>
      {status.replace(/_/g, ' ')}
    </Label>
  );
}

/** A confirmation dialog for destructive actions. */
export function ConfirmModal({
  title,
  body,
  confirmLabel = 'Delete',
  onConfirm,
  onClose,
}: {
  title: string;
  body: ReactNode;
  confirmLabel?: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal isOpen onClose={onClose} variant="small" aria-labelledby="confirm-title">
      <ModalHeader title={title} labelId="confirm-title" titleIconVariant="warning" />
      <ModalBody>
        <ErrorAlert error={error} />
        {body}
      </ModalBody>
      <ModalFooter>
        <Button
          variant="danger"
          isLoading={busy}
          isDisabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
              onClose();
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          {confirmLabel}
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}

export const USER_TYPES: Array<{
  value: import('../api/types.js').UserType;
  label: string;
  description: string;
}> = [
  { value: 'internal', label: 'Internal', description: 'A person in your organisation.' },
  { value: 'external', label: 'External', description: 'A guest or partner.' },
  {
    value: 'service_account',
    label: 'Service account',
    description: 'A machine identity; excluded from Entra ID sync when "Exclude service accounts" is on.',
  },
  {
    value: 'internal_service_account',
    label: 'Internal service account',
    description: 'Managed by Conduit itself; also excluded from sync with "Exclude service accounts".',
  },
];

/** One term and its description in a `DescriptionList`. */
export function DetailItem({ term, children }: { term: string; children: ReactNode }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{children}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}

/** Objects shown as labels that link to their pages, or `empty` when there is none. */
export function LinkedLabels({
  items,
  label,
  empty,
  color,
  numLabels,
}: {
  items: Array<{ key: string | number; name: string; to: string }>;
  label: string;
  empty: ReactNode;
  color?: 'blue';
  numLabels?: number;
}) {
  if (items.length === 0) return <>{empty}</>;
  return (
    <LabelGroup numLabels={numLabels} aria-label={label}>
      {items.map((i) => (
        <Label
          key={i.key}
          color={color}
          render={({ className, content }) => (
            <Link className={className} to={i.to}>
              {content}
            </Link>
          )}
        >
          {i.name}
        </Label>
      ))}
    </LabelGroup>
  );
}

/** A card with a heading (h2 unless told), its body and an optional footer. */
export function TitledCard({
  title,
  heading = 'h2',
  isFullHeight,
  bodyLive,
  footer,
  actions,
  className,
  children,
}: {
  title: ReactNode;
  heading?: 'h2' | 'h3';
  isFullHeight?: boolean;
  /** Announce changes of the body (results that arrive after a button press). */
  bodyLive?: boolean;
  footer?: ReactNode;
  /** Buttons at the header's end (**Sync now**, **Check again**). */
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Card isFullHeight={isFullHeight} className={className}>
      <CardHeader actions={actions ? { actions } : undefined}>
        <CardTitle component={heading}>{title}</CardTitle>
      </CardHeader>
      <CardBody aria-live={bodyLive ? 'polite' : undefined}>{children}</CardBody>
      {footer && <CardFooter>{footer}</CardFooter>}
    </Card>
  );
}

/** A secret the server shows only once (a token's key): a notice, the copy box and **Close**. */
export function ShownOnce({
  title,
  notice,
  secret,
  label,
  onClose,
}: {
  title: string;
  notice: string;
  secret: string;
  label: string;
  onClose: () => void;
}) {
  return (
    <>
      <Alert variant="success" isInline title={title} className="pf-v6-u-mb-md">
        {notice}
      </Alert>
      <ClipboardCopy isReadOnly hoverTip="Copy" clickTip="Copied" aria-label={label}>
        {secret}
      </ClipboardCopy>
      <ActionGroup className="pf-v6-u-mt-md">
        <Button onClick={onClose}>Close</Button>
      </ActionGroup>
    </>
  );
}

/** "1 user", "2 users". */
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function userTypeLabel(type: string): string {
  return USER_TYPES.find((t) => t.value === type)?.label ?? type;
}
