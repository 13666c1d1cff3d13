import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DryRunRejectedError,
  GraphNotFoundError,
  GraphThrottledError,
  GraphTransientError,
} from '../../src/providers/entra/graph-errors.js';
import { type Harness, newGroupBody, newUserBody, recordingSleep, startHarness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 11 });
});
afterAll(async () => h.close());
beforeEach(() => {
  h.emulator.control.clearFaults();
  h.emulator.control.resetStats();
  h.emulator.control.clearRequestLog();
  h.emulator.control.updateSettings({ replicationLagMs: 0 });
});

const log = () => h.emulator.control.getRequestLog();

async function createUsers(n: number) {
  const client = h.client();
  const outcomes = await client.batchWrite(
    Array.from({ length: n }, () => ({
      method: 'POST' as const,
      url: '/users',
      body: newUserBody(h.emulator.domain),
    })),
  );
  return outcomes.map((o) => {
    if (!o.ok) throw o.error;
    return (o.body as { id: string }).id;
  });
}

describe('batchWrite', () => {
  it('sends writes in $batch chunks of 20 and returns results in input order', async () => {
    const client = h.client();
    const bodies = Array.from({ length: 45 }, () => newUserBody(h.emulator.domain));
    const outcomes = await client.batchWrite(bodies.map((body) => ({ method: 'POST', url: '/users', body })));
    expect(outcomes).toHaveLength(45);
    outcomes.forEach((o, i) => {
      expect(o.ok).toBe(true);
      if (o.ok)
        expect((o.body as { userPrincipalName: string }).userPrincipalName).toBe(
          bodies[i]?.userPrincipalName,
        );
    });
    const stats = h.emulator.control.getStats();
    expect(stats.batch.envelopes).toBe(3);
    expect(stats.batch.subRequests).toBe(45);
    expect(client.stats()).toMatchObject({ requests: 3, writes: 45, throttled: 0, retries: 0 });
  });

  it('correlates shuffled responses by id', async () => {
    h.emulator.control.updateSettings({ shuffleBatchResponses: true });
    try {
      const client = h.client();
      const bodies = Array.from({ length: 20 }, () => newUserBody(h.emulator.domain));
      const outcomes = await client.batchWrite(
        bodies.map((body) => ({ method: 'POST', url: '/users', body })),
      );
      outcomes.forEach((o, i) => {
        if (!o.ok) throw o.error;
        expect((o.body as { userPrincipalName: string }).userPrincipalName).toBe(
          bodies[i]?.userPrincipalName,
        );
      });
    } finally {
      h.emulator.control.updateSettings({ shuffleBatchResponses: false });
    }
  });

  it('retries only the throttled items, after the longest Retry-After', async () => {
    const sleep = recordingSleep();
    const client = h.client({ sleep: sleep.sleep });
    h.emulator.control.addFault({
      method: 'POST',
      path: '^/users$',
      status: 429,
      count: 3,
      retryAfterSeconds: 1.25,
    });
    h.emulator.control.addFault({
      method: 'POST',
      path: '^/users$',
      status: 429,
      count: 2,
      retryAfterSeconds: 2.5,
    });
    const outcomes = await client.batchWrite(
      Array.from({ length: 12 }, () => ({
        method: 'POST' as const,
        url: '/users',
        body: newUserBody(h.emulator.domain),
      })),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const stats = h.emulator.control.getStats();
    expect(stats.batch.envelopes).toBe(2);
    expect(stats.batch.subRequests).toBe(12 + 5); // only the 5 throttled items were resent
    expect(stats.throttled).toBe(5);
    expect(sleep.calls.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...sleep.calls)).toBe(2500); // the longest Retry-After, exactly
    expect(sleep.calls.every((ms) => ms > 0)).toBe(true);
    expect(client.stats().throttled).toBe(5);
  });

  it('retries 5xx items with backoff and reports persistent failures per item', async () => {
    const sleep = recordingSleep();
    const client = h.client({
      sleep: sleep.sleep,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
    });
    const [a, b] = await createUsers(2);
    h.emulator.control.addFault({ method: 'PATCH', path: `^/users/${a}$`, status: 503, count: 2 });
    h.emulator.control.addFault({ method: 'PATCH', path: `^/users/${b}$`, status: 500, count: 10 });
    const outcomes = await client.batchWrite([
      { method: 'PATCH', url: `/users/${a}`, body: { displayName: 'A' } },
      { method: 'PATCH', url: `/users/${b}`, body: { displayName: 'B' } },
      { method: 'DELETE', url: `/users/${randomUUID()}` },
    ]);
    expect(outcomes[0]).toMatchObject({ ok: true, status: 204 });
    expect(outcomes[1]?.ok).toBe(false);
    if (outcomes[1]?.ok === false) {
      expect(outcomes[1].error).toBeInstanceOf(GraphTransientError);
      expect(outcomes[1].error.status).toBe(500);
      expect(outcomes[1].error.requestId).toBeDefined();
    }
    expect(outcomes[2]?.ok === false && outcomes[2].error).toBeInstanceOf(GraphNotFoundError);
    // b was tried exactly maxAttempts times; a three times (two 503s, then success).
    const items = log().filter((r) => r.kind === 'batch-item');
    expect(items.filter((r) => r.url.includes(b as string))).toHaveLength(3);
    expect(items.filter((r) => r.url.includes(a as string)).map((r) => r.status)).toEqual([503, 503, 204]);
    expect(sleep.calls.every((ms) => ms >= 50 && ms <= 1000)).toBe(true);
  });
});

describe('batchWrite creates that were applied but answered with an error', () => {
  it('does not duplicate a group (or re-create a user) when the retried create had gone through', async () => {
    const client = h.client({ sleep: recordingSleep().sleep });
    h.emulator.control.addFault({
      method: 'POST',
      path: '^/groups$',
      status: 429,
      count: 1,
      afterApply: true,
      retryAfterSeconds: 0.5,
    });
    h.emulator.control.addFault({
      method: 'POST',
      path: '^/users$',
      status: 503,
      count: 1,
      afterApply: true,
    });
    const group = newGroupBody('Applied in a batch');
    const user = newUserBody(h.emulator.domain);
    const outcomes = await client.batchWrite([
      { method: 'POST', url: '/groups', body: group },
      { method: 'POST', url: '/users', body: user },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    const found = await client.findGroupsByDisplayName('Applied in a batch');
    expect(found).toHaveLength(1);
    expect(outcomes[0]?.ok && (outcomes[0].body as { id: string }).id).toBe(found[0]?.id);
    expect(outcomes[1]?.ok && (outcomes[1].body as { userPrincipalName: string }).userPrincipalName).toBe(
      user.userPrincipalName,
    );
    // Each create was sent once; the ambiguous failures were settled by lookups, not by resending.
    const creates = log().filter((r) => r.kind === 'batch-item' && r.method === 'POST');
    expect(creates.map((r) => r.status).sort()).toEqual([429, 503]);
  });
});

describe('top-level retries', () => {
  it('retries 503/504 and 429 honouring fractional Retry-After, then succeeds', async () => {
    const sleep = recordingSleep();
    const client = h.client({ sleep: sleep.sleep });
    const [id] = await createUsers(1);
    h.emulator.control.addFault({
      method: 'GET',
      path: `^/users/${id}`,
      status: 429,
      count: 1,
      retryAfterSeconds: 0.75,
    });
    h.emulator.control.addFault({ method: 'GET', path: `^/users/${id}`, status: 503, count: 1 });
    h.emulator.control.addFault({ method: 'GET', path: `^/users/${id}`, status: 504, count: 1 });
    expect((await client.getUser(id as string)).id).toBe(id);
    expect(sleep.calls[0]).toBe(750);
    expect(sleep.calls).toHaveLength(3);
    expect(client.stats()).toMatchObject({ requests: 4, throttled: 1, retries: 3 });
  });

  it('retries a reset connection (no HTTP answer at all) and reports it as transient when it persists', async () => {
    const sleep = recordingSleep();
    const client = h.client({ sleep: sleep.sleep, retry: { maxAttempts: 3 } });
    const [id] = await createUsers(1);
    h.emulator.control.addFault({ method: 'GET', path: `^/users/${id}`, connectionReset: true, count: 1 });
    expect((await client.getUser(id as string)).id).toBe(id);
    expect(sleep.calls).toHaveLength(1);

    h.emulator.control.addFault({ method: 'GET', path: `^/users/${id}`, connectionReset: true, count: 5 });
    const error = await client.getUser(id as string).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphTransientError);
    expect((error as GraphTransientError).status).toBe(0);
    expect((error as GraphTransientError).code).toBe('NetworkError');
  });

  it('gives up after maxAttempts with the error class of the last answer', async () => {
    const sleep = recordingSleep();
    const client = h.client({ sleep: sleep.sleep, retry: { maxAttempts: 4 } });
    h.emulator.control.addFault({
      method: 'GET',
      path: '^/groups$',
      status: 429,
      count: 100,
      retryAfterSeconds: 1,
    });
    const error = await (async () => {
      for await (const _ of client.listGroups(['id'])) void _;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphThrottledError);
    expect((error as GraphThrottledError).retryAfterMs).toBe(1000);
    expect(log().filter((r) => r.kind === 'graph')).toHaveLength(4);
    expect(sleep.calls).toHaveLength(3);
  });

  it('does not create a group twice when a create was applied but answered 503', async () => {
    const client = h.client({ sleep: recordingSleep().sleep });
    h.emulator.control.addFault({
      method: 'POST',
      path: '^/groups$',
      status: 503,
      count: 1,
      afterApply: true,
    });
    const body = newGroupBody('Applied once');
    const group = await client.createGroup(body);
    expect(group.mailNickname).toBe(body.mailNickname);
    expect((await client.findGroupsByDisplayName('Applied once')).map((g) => g.id)).toEqual([group.id]);
    expect(log().filter((r) => r.method === 'POST' && r.url === '/v1.0/groups')).toHaveLength(1);
  });
});

describe('group members', () => {
  it('adds members with members@odata.bind in chunks of 20', async () => {
    const client = h.client();
    const group = await client.createGroup(newGroupBody());
    const users = await createUsers(45);
    h.emulator.control.clearRequestLog();
    expect(await client.addGroupMembers(group.id, users)).toEqual([]);
    const patches = log().filter((r) => r.method === 'PATCH' && r.url === `/v1.0/groups/${group.id}`);
    expect(patches).toHaveLength(3);
    expect((await client.listGroupMemberIds(group.id)).sort()).toEqual([...users].sort());
  });

  it('does not let an already-present member block the others', async () => {
    const client = h.client();
    const group = await client.createGroup(newGroupBody());
    const [present, ...rest] = await createUsers(5);
    expect(await client.addGroupMembers(group.id, [present as string])).toEqual([]);
    expect(await client.addGroupMembers(group.id, [present as string, ...rest])).toEqual([]);
    expect((await client.listGroupMemberIds(group.id)).sort()).toEqual([present, ...rest].sort());
  });

  it('reports only the missing member when one of a chunk does not exist', async () => {
    const client = h.client();
    const group = await client.createGroup(newGroupBody());
    const users = await createUsers(3);
    const ghost = randomUUID();
    const failures = await client.addGroupMembers(group.id, [...users, ghost]);
    expect(failures.map((f) => f.memberId)).toEqual([ghost]);
    expect(failures[0]?.error).toBeInstanceOf(GraphNotFoundError);
    expect((await client.listGroupMemberIds(group.id)).sort()).toEqual([...users].sort());
  });

  it('removes members through $ref in a batch; a non-member counts as removed', async () => {
    const client = h.client();
    const group = await client.createGroup(newGroupBody());
    const [keep, drop, stranger] = await createUsers(3);
    await client.addGroupMembers(group.id, [keep as string, drop as string]);
    h.emulator.control.clearRequestLog();
    expect(await client.removeGroupMembers(group.id, [drop as string, stranger as string])).toEqual([]);
    expect(await client.listGroupMemberIds(group.id)).toEqual([keep]);
    const items = log().filter((r) => r.kind === 'batch-item');
    expect(items.map((r) => r.url).every((u) => u.endsWith('/$ref'))).toBe(true);
    expect(items.map((r) => r.status).sort()).toEqual([204, 404]);
    // Both users still exist: removal used /$ref, never deleting the member object.
    expect((await client.getUser(drop as string)).id).toBe(drop);
  });

  it('pages through members with $select=id', async () => {
    const client = h.client();
    const group = await client.createGroup(newGroupBody());
    const users = await createUsers(30);
    await client.addGroupMembers(group.id, users);
    h.emulator.control.clearRequestLog();
    expect((await client.listGroupMemberIds(group.id, { top: 7 })).sort()).toEqual([...users].sort());
    const gets = log().filter((r) => r.kind === 'graph' && r.url.includes('/members'));
    expect(gets).toHaveLength(5);
    expect(decodeURIComponent(gets[0]?.url ?? '')).toContain('$select=id');
  });
});

describe('dry run', () => {
  it('sends no mutating request at all and reports what would have been sent', async () => {
    const live = h.client();
    const group = await live.createGroup(newGroupBody());
    const [member] = await createUsers(1);
    h.emulator.control.resetStats();
    h.emulator.control.clearRequestLog();

    const client = h.client({ dryRun: true });
    const body = newUserBody(h.emulator.domain);
    const error = await client.createUser(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DryRunRejectedError);
    expect((error as DryRunRejectedError).toJSON()).toMatchObject({ method: 'POST', body });
    await expect(client.updateUser(member as string, { displayName: 'x' })).rejects.toBeInstanceOf(
      DryRunRejectedError,
    );
    await expect(client.deleteGroup(group.id)).rejects.toBeInstanceOf(DryRunRejectedError);
    await expect(client.createGroup(newGroupBody())).rejects.toBeInstanceOf(DryRunRejectedError);

    const outcomes = await client.batchWrite([
      { method: 'PATCH', url: `/users/${member}`, body: { displayName: 'y' } },
      { method: 'DELETE', url: `/users/${member}` },
    ]);
    expect(outcomes.map((o) => !o.ok && o.error.kind)).toEqual(['dry_run', 'dry_run']);
    const adds = await client.addGroupMembers(group.id, [member as string]);
    expect(adds.map((f) => f.error.kind)).toEqual(['dry_run']);
    const removes = await client.removeGroupMembers(group.id, [member as string]);
    expect(removes.map((f) => f.error.kind)).toEqual(['dry_run']);

    // Reads still work.
    expect((await client.getUser(member as string)).id).toBe(member);
    expect(await client.listGroupMemberIds(group.id)).toEqual([]);

    const stats = h.emulator.control.getStats();
    expect(stats.writes).toBe(0);
    expect(stats.batch.envelopes).toBe(0);
    expect(h.emulator.control.getRequestLog({ mutatingOnly: true })).toEqual([]);
    expect(client.stats().writes).toBe(0);
  });
});

describe('replication lag', () => {
  it('retries a 404 on a just-created object until it is visible', async () => {
    h.emulator.control.updateSettings({ replicationLagMs: 600 });
    const client = h.client({
      notFoundRetry: { attempts: 20, delayMs: 100 },
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
    const user = await client.createUser(newUserBody(h.emulator.domain));
    await client.updateUser(user.id, { displayName: 'After lag' });
    const group = await client.createGroup(newGroupBody());
    expect(await client.addGroupMembers(group.id, [user.id])).toEqual([]);

    const patches = log().filter((r) => r.method === 'PATCH' && r.url === `/v1.0/users/${user.id}`);
    expect(patches[0]?.status).toBe(404);
    expect(patches.at(-1)?.status).toBe(204);
    expect((await client.getUser(user.id, ['displayName'])).displayName).toBe('After lag');
  });

  it('retries a 404 on an id another client of the same app + tenant created, when they share the record', async () => {
    h.emulator.control.updateSettings({ replicationLagMs: 600 });
    const createdIds = new Map<string, number>();
    const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    // A full sync's bulk client creates; a direct sync's client, right after, adds the member.
    const bulk = h.client({ lowPriority: true, createdIds, sleep });
    const direct = h.client({ notFoundRetry: { attempts: 20, delayMs: 100 }, createdIds, sleep });
    const user = await bulk.createUser(newUserBody(h.emulator.domain));
    await direct.updateUser(user.id, { displayName: 'Seen by the other client' });
    const patches = log().filter((r) => r.method === 'PATCH' && r.url === `/v1.0/users/${user.id}`);
    expect(patches[0]?.status).toBe(404);
    expect(patches.at(-1)?.status).toBe(204);

    // Without the shared record, the other client takes the 404 as absence.
    const alone = h.client({ notFoundRetry: { attempts: 20, delayMs: 100 }, sleep });
    const other = await bulk.createUser(newUserBody(h.emulator.domain));
    await expect(alone.updateUser(other.id, { displayName: 'x' })).rejects.toBeInstanceOf(GraphNotFoundError);
  });

  it('gives up after the bounded number of lag retries', async () => {
    h.emulator.control.updateSettings({ replicationLagMs: 60_000 });
    const sleep = recordingSleep();
    const client = h.client({ notFoundRetry: { attempts: 3, delayMs: 2000 }, sleep: sleep.sleep });
    const user = await client.createUser(newUserBody(h.emulator.domain));
    await expect(client.getUser(user.id)).rejects.toBeInstanceOf(GraphNotFoundError);
    expect(
      log().filter((r) => r.method === 'GET' && r.url.startsWith(`/v1.0/users/${user.id}`)),
    ).toHaveLength(4);
    expect(sleep.calls).toEqual([2000, 2000, 2000]);
  });
});

describe('pacing', () => {
  it('paces writes to writesPerSecond', async () => {
    const client = h.client({
      writesPerSecond: 40,
      lowPriority: true,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
    const started = Date.now();
    const outcomes = await client.batchWrite(
      Array.from({ length: 60 }, () => ({
        method: 'POST' as const,
        url: '/users',
        body: newUserBody(h.emulator.domain),
      })),
    );
    const elapsed = Date.now() - started;
    expect(outcomes.every((o) => o.ok)).toBe(true);
    // 60 writes at 40/s with a burst of 40: at least (60 − 40) / 40 s.
    expect(elapsed).toBeGreaterThanOrEqual(450);
  });
});
