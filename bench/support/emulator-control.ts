/**
 * The full-sync benchmark's side of the Graph emulator: its control API over HTTPS (one
 * keep-alive agent trusting the emulator's CA) and what the benchmark reads from its request log —
 * requests by route, resource units spent, the span of the writes.
 */
import { Agent, request } from 'undici';
import type { EmulatorStats, RequestLogEntry as LogEntry } from '../../src/graph-emulator/index.js';

/** A user or group in the emulator's state dump. */
export interface StateObject {
  id: string;
  displayName?: string;
  userPrincipalName?: string;
}

/** A client for the emulator's control API at `controlUrl`. */
export function emulatorControl(controlUrl: string, ca: string) {
  const dispatcher = new Agent({ connect: { ca } });
  const call = async <T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> => {
    const res = await request(`${controlUrl}${path}`, {
      method: (init?.method ?? 'GET') as 'GET',
      dispatcher,
      ...(init?.body !== undefined
        ? { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }
        : {}),
    });
    const text = await res.body.text();
    if (res.statusCode >= 400) throw new Error(`emulator control ${path}: ${res.statusCode} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
  return {
    call,
    /** Statistics and request log back to empty. */
    async reset(): Promise<void> {
      await call('/stats/reset', { method: 'POST' });
      await call('/requests', { method: 'DELETE' });
    },
    stats: () => call<EmulatorStats>('/stats'),
    log: () => call<LogEntry[]>('/requests'),
    /** The default tenant's users. */
    async users(): Promise<StateObject[]> {
      const [tenant] = await call<Array<{ users: StateObject[] }>>('/state');
      return tenant?.users ?? [];
    },
    /** Edits an object by hand, as an administrator would outside Conduit. */
    edit: (id: string, patch: Record<string, unknown>) =>
      call(`/objects/${id}`, { method: 'PATCH', body: patch }),
    close: () => dispatcher.close(),
  };
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Graph operations (HTTP requests and `$batch` items, not the envelopes nor token requests). */
function graphOperations(log: LogEntry[]): LogEntry[] {
  return log.filter(
    (e) => (e.kind === 'graph' && !e.url.split('?')[0]?.endsWith('/$batch')) || e.kind === 'batch-item',
  );
}

/** What the log says about one run: resource units, requests by route, the span of its writes. */
export function readLog(log: LogEntry[]) {
  const operations = graphOperations(log);
  let readUnits = 0;
  let writeUnits = 0;
  const byRoute: Record<string, number> = {};
  for (const e of operations) {
    if (e.mutating) writeUnits += e.resourceUnits ?? 0;
    else readUnits += e.resourceUnits ?? 0;
    const route = `${e.method} ${(e.url.split('?')[0] ?? '').replace('/v1.0', '').replace(GUID, '{id}')}`;
    byRoute[route] = (byRoute[route] ?? 0) + 1;
  }
  const writes = log.filter((e) => e.mutating);
  const first = writes[0];
  const last = writes.at(-1);
  const spanS =
    first && last && writes.length > 1 ? (Date.parse(last.time) - Date.parse(first.time)) / 1000 : 0;
  return { readUnits, writeUnits, byRoute, writes, spanS };
}
