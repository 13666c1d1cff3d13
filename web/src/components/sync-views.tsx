/** Views of sync results shared by the provider page: messages, plan entries, diffs, counts. */
import {
  Alert,
  Button,
  DataList,
  DataListCell,
  DataListItem,
  DataListItemCells,
  DataListItemRow,
  ExpandableSection,
  Flex,
  Label,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Spinner,
} from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import { entra } from '../api/endpoints.js';
import type { SyncMessage, SyncResult } from '../api/types.js';
import { errorMessage, formatDate, JsonBlock, StatusLabel } from './common.js';
import { CompactTable, type TableColumn } from './compact-table.js';

const LEVEL_COLOR: Record<string, 'blue' | 'grey' | 'orange' | 'red'> = {
  info: 'blue',
  debug: 'grey',
  warning: 'orange',
  error: 'red',
};

/** A link's last error, with the Graph request-id to quote to Microsoft support. */
export function LinkError({
  error,
  requestId,
  className = 'pf-v6-u-font-size-sm cd-wrap',
}: {
  error: string | null | undefined;
  requestId: string | null | undefined;
  className?: string;
}) {
  if (!error) return null;
  return (
    <div className={className}>
      {error}
      {requestId && (
        <>
          {' '}
          (Graph request-id <code>{requestId}</code>)
        </>
      )}
    </div>
  );
}

export function SyncMessages({ messages }: { messages: SyncMessage[] }) {
  if (messages.length === 0) return <p>No messages: nothing needed to change.</p>;
  return (
    <DataList aria-label="Sync messages" isCompact>
      {messages.map((m, i) => {
        const attrs = m.attributes ?? {};
        const requestId = typeof attrs.graph_request_id === 'string' ? attrs.graph_request_id : null;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: messages have no id
          <DataListItem key={i}>
            <DataListItemRow>
              <DataListItemCells
                dataListCells={[
                  <DataListCell key="level" isFilled={false} width={1}>
                    <Label color={LEVEL_COLOR[m.log_level] ?? 'grey'} isCompact>
                      {m.log_level}
                    </Label>
                  </DataListCell>,
                  <DataListCell key="event" width={5}>
                    <div className="cd-wrap" data-testid="sync-message">
                      {m.event}
                    </div>
                    <div className="pf-v6-u-font-size-sm pf-v6-u-text-color-subtle">
                      {formatDate(m.timestamp)}
                      {typeof attrs.operation === 'string' && <> · operation {attrs.operation}</>}
                      {typeof attrs.status === 'string' && <> · {attrs.status}</>}
                      {requestId && (
                        <>
                          {' '}
                          · Graph request-id <code>{requestId}</code>
                        </>
                      )}
                    </div>
                    {attrs.detail !== undefined && attrs.detail !== null && (
                      <ExpandableSection toggleText="Details">
                        <ResultDetail operation={String(attrs.operation ?? '')} detail={attrs.detail} />
                      </ExpandableSection>
                    )}
                  </DataListCell>,
                ]}
              />
            </DataListItemRow>
          </DataListItem>
        );
      })}
    </DataList>
  );
}

type Diff = Record<string, { before: unknown; after: unknown }>;

const DIFF_COLUMNS: Array<TableColumn<[string, Diff[string] | undefined]>> = [
  { title: 'Property', cell: ([prop]) => <code>{prop}</code> },
  {
    title: 'Before',
    className: 'cd-wrap',
    cell: ([, change]) => <span className="cd-diff-before">{show(change?.before)}</span>,
  },
  {
    title: 'After',
    className: 'cd-wrap',
    cell: ([, change]) => <span className="cd-diff-after">{show(change?.after)}</span>,
  },
];

function show(v: unknown): string {
  if (v === undefined) return '(not set)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The detail of one result: a before → after table for updates, the body for creates, JSON otherwise. */
export function ResultDetail({ operation, detail }: { operation: string; detail: unknown }) {
  if (typeof detail !== 'object' || detail === null) return <JsonBlock value={detail} />;
  const d = detail as Record<string, unknown>;
  if (d.diff && typeof d.diff === 'object') {
    const diff = d.diff as Diff;
    return (
      <CompactTable
        label="Property changes"
        gridBreakPoint=""
        columns={DIFF_COLUMNS}
        rows={Object.entries(diff)}
        rowKey={([prop]) => prop}
      />
    );
  }
  const request = d.request as { method?: string; url?: string; body?: unknown } | undefined;
  if (request && typeof request === 'object') {
    return (
      <>
        <div className="pf-v6-u-mb-xs">
          {operation === 'create' ? 'Would send' : 'Request'}:{' '}
          <code>
            {request.method} {request.url}
          </code>
        </div>
        <JsonBlock value={request.body ?? {}} label="Request body" />
      </>
    );
  }
  if (d.properties) return <JsonBlock value={d.properties} label="Properties" />;
  return <JsonBlock value={detail} />;
}

/** A run's counts, shown as labels for the ones that are not zero. */
export function RunCounts({ counts }: { counts: Record<string, number> }) {
  const shown = Object.entries(counts).filter(([k, v]) => v > 0 && k !== 'users' && k !== 'groups');
  return (
    <Flex gap={{ default: 'gapXs' }} flexWrap={{ default: 'wrap' }}>
      {counts.users !== undefined && (
        <span>
          {counts.users} users, {counts.groups ?? 0} groups
        </span>
      )}
      {shown.map(([k, v]) => (
        <Label
          key={k}
          isCompact
          color={
            k === 'failed' ? 'red' : k === 'created' ? 'green' : k.startsWith('deleted') ? 'orange' : 'grey'
          }
        >
          {k.replace(/_/g, ' ')}: {v}
        </Label>
      ))}
    </Flex>
  );
}

export function objectName(r: SyncResult): string {
  const d = r.detail as { object?: unknown } | null;
  const name = d && typeof d === 'object' && typeof d.object === 'string' ? d.object : null;
  return `${r.object_type} ${name ?? (r.object_id !== null ? `#${r.object_id}` : (r.remote_id ?? ''))}`;
}

/**
 * Runs `sync/object` for one user or group and shows the messages. On a dry-run provider the
 * administrator can run it once more for real (`override_dry_run`).
 */
export function SyncObjectModal({
  providerId,
  providerDryRun,
  kind,
  objectId,
  objectLabel,
  onClose,
}: {
  providerId: number;
  providerDryRun: boolean;
  kind: 'user' | 'group';
  objectId: string;
  objectLabel: string;
  onClose: () => void;
}) {
  const [state, setState] = useState<{ busy: boolean; messages: SyncMessage[] | null; error: unknown }>({
    busy: false,
    messages: null,
    error: null,
  });
  const run = async (override: boolean) => {
    setState({ busy: true, messages: null, error: null });
    try {
      const r = await entra.syncObject(providerId, {
        sync_object_model: kind === 'user' ? 'authentik.core.models.User' : 'authentik.core.models.Group',
        sync_object_id: objectId,
        override_dry_run: override,
      });
      setState({ busy: false, messages: r.messages, error: null });
    } catch (error) {
      setState({ busy: false, messages: null, error });
    }
  };
  const started = useRef(false);
  // Sync once when the dialog opens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once on open
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void run(false);
  }, []);
  const title = `Sync ${kind === 'user' ? 'User' : 'Group'}: ${objectLabel}`;
  return (
    <Modal isOpen onClose={onClose} variant="medium" aria-labelledby="sync-object-title">
      <ModalHeader title={title} labelId="sync-object-title" />
      <ModalBody aria-live="polite">
        {state.busy && <Spinner size="lg" aria-label="Syncing" />}
        {state.error !== null && (
          <Alert variant="danger" isInline title="Sync failed">
            {errorMessage(state.error)}
          </Alert>
        )}
        {state.messages && <SyncMessages messages={state.messages} />}
      </ModalBody>
      <ModalFooter>
        {providerDryRun && (
          <Button variant="secondary" onClick={() => void run(true)} isDisabled={state.busy}>
            Sync without dry run
          </Button>
        )}
        <Button variant="secondary" onClick={() => void run(false)} isDisabled={state.busy}>
          Sync again
        </Button>
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </ModalFooter>
    </Modal>
  );
}

export function ResultStatus({ r }: { r: SyncResult }) {
  return <StatusLabel status={r.status} />;
}
