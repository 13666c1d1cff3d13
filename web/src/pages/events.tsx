/** Events > Logs: the audit log, filterable by action, user and text. */
import { Label, TextInput, ToolbarItem } from '@patternfly/react-core';
import { useState } from 'react';
import { events } from '../api/endpoints.js';
import { queryKeys } from '../api/queries/keys.js';
import { useEventActions } from '../api/queries/system.js';
import type { EventEntry } from '../api/types.js';
import { DOCS, formatDate, JsonBlock } from '../components/common.js';
import { ListPage } from '../components/crud-shell.js';
import { FilterSelect, useDebounced } from '../components/list-view.js';
import { useTitle } from '../components/use-title.js';

const ACTION_COLOR: Record<string, 'red' | 'orange' | 'green' | 'blue' | 'grey'> = {
  configuration_error: 'red',
  system_exception: 'red',
  system_task_exception: 'red',
  property_mapping_exception: 'red',
  login_failed: 'orange',
  configuration_warning: 'orange',
  model_created: 'green',
  model_deleted: 'orange',
  model_updated: 'blue',
};

/**
 * An event as the API lists it: the server counts identical events within a window on one entry
 * (`repeat_count`) instead of repeating them.
 */
type LoggedEvent = EventEntry & { repeat_count?: number; last_seen?: string | null };

/** "×N" for an entry that stands for N identical events (nothing for one), with when the last happened. */
export function RepeatCount({ event }: { event: LoggedEvent }) {
  const n = event.repeat_count ?? 1;
  if (n <= 1) return null;
  const last = event.last_seen ? `, last at ${formatDate(event.last_seen)}` : '';
  return (
    <Label isCompact variant="outline" className="pf-v6-u-ml-sm" title={`${n} identical events${last}`}>
      ×{n}
    </Label>
  );
}

function summary(e: EventEntry): string {
  const c = e.context as Record<string, unknown>;
  const model = c.model as { model_name?: string; name?: string } | undefined;
  if (model) return `${model.model_name ?? 'object'} ${model.name ?? ''}`.trim();
  if (typeof c.message === 'string') return c.message;
  if (typeof c.error === 'string') return c.error;
  if (typeof c.username === 'string') return c.username;
  return '';
}

export function EventsPage() {
  useTitle('Logs');
  const [action, setAction] = useState('');
  const [username, setUsername] = useState('');
  const debouncedUser = useDebounced(username, 300);
  const actions = useEventActions();
  const labelOf = (a: string) => actions.data?.find((x) => x.description === a)?.name ?? a;
  return (
    <ListPage<LoggedEvent>
      title="Logs"
      description="The audit log: changes to the directory and configuration, sign-ins, sync runs and configuration errors."
      help={DOCS.troubleshooting}
      toolbarStart={
        <>
          <ToolbarItem>
            <FilterSelect
              id="event-action"
              ariaLabel="Filter by action"
              value={action}
              onChange={setAction}
              allLabel="All actions"
              options={(actions.data ?? []).map((a) => ({ value: a.description, label: a.name }))}
            />
          </ToolbarItem>
          <ToolbarItem>
            <TextInput
              id="event-username"
              aria-label="Filter by username"
              placeholder="Username"
              value={username}
              onChange={(_e, v) => setUsername(v)}
            />
          </ToolbarItem>
        </>
      }
      list={{
        label: 'Events',
        queryKey: queryKeys.events.all,
        fetchPage: events.list,
        filters: {
          action: action || undefined,
          username: debouncedUser || undefined,
          ordering: '-created',
        },
        rowKey: (e) => e.pk,
        refetchInterval: 15_000,
        expand: (e) => <JsonBlock value={e.context} label="Event context" />,
        columns: [
          {
            title: 'Action',
            render: (e) => (
              <>
                <Label isCompact color={ACTION_COLOR[e.action] ?? 'grey'}>
                  {labelOf(e.action)}
                </Label>
                <RepeatCount event={e} />
              </>
            ),
          },
          { title: 'Summary', render: (e) => summary(e) || '—', modifier: 'breakWord' },
          { title: 'User', render: (e) => String(e.user.username ?? '—') },
          { title: 'Created', render: (e) => formatDate(e.created) },
          { title: 'Client IP', render: (e) => e.client_ip ?? '—' },
        ],
      }}
    />
  );
}
