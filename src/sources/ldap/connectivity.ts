/**
 * Connectivity checks of a source: for each server of `server_uri`, can Conduit connect (and
 * negotiate TLS), bind, read the base DN, and how many users and groups do the filters find.
 * Each step answers `ok` or a message naming the fix; the answer is what authentik's
 * `connectivity` field shows (per server, string values).
 */
import { joinDn } from './dn.js';
import { LdapConnectionError, openLdapSession } from './ldap-client.js';
import { type LdapSourceSettings, parseServerUris } from './source-settings.js';

/** Entries counted at most per filter (the count says "at least" beyond it). */
export const SAMPLE_COUNT_LIMIT = 10_000;

export interface ConnectivityStep {
  step: 'connect' | 'bind' | 'base_dn' | 'users' | 'groups';
  status: 'ok' | 'error' | 'skipped';
  message: string;
}

export interface ServerConnectivity {
  server: string;
  status: 'ok' | 'error';
  steps: ConnectivityStep[];
  users: number | null;
  groups: number | null;
}

export interface ConnectivityReport {
  status: 'ok' | 'error';
  servers: ServerConnectivity[];
  /** authentik's `connectivity`: per server URI, string values. */
  connectivity: Record<string, Record<string, string>>;
}

async function countEntries(
  session: Awaited<ReturnType<typeof openLdapSession>>,
  base: string,
  filter: string,
  pageSize: number,
): Promise<number> {
  let count = 0;
  for await (const page of session.searchPages(base, filter, ['1.1'], pageSize)) {
    count += page.length;
    if (count >= SAMPLE_COUNT_LIMIT) break;
  }
  return count;
}

async function checkServer(
  uri: string,
  settings: LdapSourceSettings,
  password: string,
): Promise<ServerConnectivity> {
  const steps: ConnectivityStep[] = [];
  const result: ServerConnectivity = { server: uri, status: 'error', steps, users: null, groups: null };
  let session: Awaited<ReturnType<typeof openLdapSession>>;
  try {
    session = await openLdapSession({ ...settings, server_uri: uri }, password, { timeoutMs: 10_000 });
  } catch (error) {
    const e =
      error instanceof LdapConnectionError ? error : new LdapConnectionError('connect', String(error), uri);
    if (e.stage === 'bind') {
      steps.push({ step: 'connect', status: 'ok', message: `Connected to ${uri}.` });
      steps.push({ step: 'bind', status: 'error', message: e.message });
    } else {
      steps.push({ step: 'connect', status: 'error', message: e.message });
      steps.push({ step: 'bind', status: 'skipped', message: 'Not tried: no connection.' });
    }
    return result;
  }
  try {
    steps.push({
      step: 'connect',
      status: 'ok',
      message: `Connected to ${uri}${uri.startsWith('ldaps') ? ' (TLS)' : settings.start_tls ? ' (StartTLS)' : ' (no TLS)'}.`,
    });
    steps.push({
      step: 'bind',
      status: 'ok',
      message: settings.bind_cn ? `Bound as "${settings.bind_cn}".` : 'Anonymous bind (bind_cn is empty).',
    });
    const base = await session.readEntry(settings.base_dn, ['1.1']).catch((error: unknown) => {
      steps.push({ step: 'base_dn', status: 'error', message: (error as Error).message });
      return undefined;
    });
    if (base === undefined) return result;
    if (base === null) {
      steps.push({
        step: 'base_dn',
        status: 'error',
        message: `The base DN "${settings.base_dn}" does not exist or the bind user may not read it. Check base_dn and the account's read rights.`,
      });
      return result;
    }
    steps.push({ step: 'base_dn', status: 'ok', message: `Read "${settings.base_dn}".` });
    let ok = true;
    for (const kind of ['users', 'groups'] as const) {
      const enabled = kind === 'users' ? settings.sync_users : settings.sync_groups;
      if (!enabled) {
        steps.push({ step: kind, status: 'skipped', message: `sync_${kind} is off.` });
        continue;
      }
      const searchBase = joinDn(
        kind === 'users' ? settings.additional_user_dn : settings.additional_group_dn,
        settings.base_dn,
      );
      const filter = kind === 'users' ? settings.user_object_filter : settings.group_object_filter;
      try {
        const count = await countEntries(session, searchBase, filter, settings.sync_page_size);
        result[kind] = count;
        const shown = count >= SAMPLE_COUNT_LIMIT ? `at least ${SAMPLE_COUNT_LIMIT}` : String(count);
        steps.push({
          step: kind,
          status: 'ok',
          message:
            count === 0
              ? `No ${kind} match ${filter} under "${searchBase}": check the filter and the additional DN.`
              : `${shown} ${kind} match ${filter} under "${searchBase}".`,
        });
      } catch (error) {
        ok = false;
        steps.push({ step: kind, status: 'error', message: (error as Error).message });
      }
    }
    result.status = ok ? 'ok' : 'error';
    return result;
  } finally {
    await session.close();
  }
}

/** Check every server of the source; never throws for LDAP problems (they are in the report). */
export async function checkConnectivity(
  settings: LdapSourceSettings,
  bindPassword: string,
): Promise<ConnectivityReport> {
  const servers = parseServerUris(settings.server_uri);
  if (typeof servers === 'string') {
    return {
      status: 'error',
      servers: [],
      connectivity: { __all__: { status: servers } },
    };
  }
  const results: ServerConnectivity[] = [];
  for (const server of servers) results.push(await checkServer(server.uri, settings, bindPassword));
  const connectivity: Record<string, Record<string, string>> = {};
  for (const r of results) {
    const failed = r.steps.find((s) => s.status === 'error');
    connectivity[r.server] = {
      status: failed ? failed.message : 'ok',
      ...Object.fromEntries(
        r.steps.map((s) => [s.step, s.status === 'ok' ? s.message : `${s.status}: ${s.message}`]),
      ),
      ...(r.users !== null ? { users: String(r.users) } : {}),
      ...(r.groups !== null ? { groups: String(r.groups) } : {}),
    };
  }
  const status = results.some((r) => r.status === 'ok') ? 'ok' : 'error';
  connectivity.__all__ = {
    status: status === 'ok' ? 'ok' : 'No server of server_uri could be used; see each server.',
  };
  return { status, servers: results, connectivity };
}
