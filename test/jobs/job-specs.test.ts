/**
 * The job builders: which queue and job key each job gets, so per-object ordering and
 * de-duplication hold whoever enqueues it (the relay, the scheduler, the API).
 */
import { describe, expect, it } from 'vitest';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import {
  deletionSyncJob,
  fullSyncJob,
  fullSyncStepJobs,
  ldapSourceSyncJob,
  membersSyncJob,
  objectSyncJob,
} from '../../src/jobs/job-specs.js';
import { syncTaskHandlers } from '../../src/jobs/sync-tasks.js';
import type { SyncDeps } from '../../src/sync/session.js';

describe('job builders', () => {
  it('put a directory deletion in its object’s queue, and a confirmed held deletion in none', () => {
    const payload = { providerId: 3, type: 'group' as const, remoteId: 'r-1', label: 'staff' };
    expect(deletionSyncJob(payload, 7)).toEqual({ task: 'sync.delete', payload, queueName: 'p3:group:7' });
    expect(deletionSyncJob({ ...payload, confirmed: true }).queueName).toBeUndefined();
    expect(objectSyncJob(3, 'group', 7).queueName).toBe('p3:group:7');
    expect(membersSyncJob({ providerId: 3, groupId: 7, added: [1], removed: [] }).queueName).toBe(
      'p3:group:7',
    );
    expect(objectSyncJob(3, 'user', 7)).toMatchObject({
      task: 'sync.user',
      payload: { providerId: 3, userId: 7 },
    });
  });

  it('keep one pending full sync per provider and one pending LDAP sync per source', () => {
    expect(fullSyncJob(4)).toMatchObject({
      jobKey: 'p4:full',
      queueName: 'p4:full',
      payload: { providerId: 4 },
    });
    expect(ldapSourceSyncJob({ sourceId: 9 })).toMatchObject({
      task: 'source.ldap.sync',
      jobKey: 'source.ldap.sync:9',
      queueName: 'source.ldap:9',
    });
  });

  it('key a full sync’s steps by run, phase and page, and retry transient objects 30 s later', () => {
    const jobs = fullSyncStepJobs(
      {
        next: [
          { kind: 'page', providerId: 1, runId: 'r', phase: 'users', seq: 2 },
          { kind: 'advance', providerId: 1, runId: 'r', phase: 'users' },
        ],
        transient: [{ providerId: 1, type: 'user', localId: 5 }],
      },
      1_000,
    );
    expect(jobs.map((j) => [j.task, j.jobKey ?? j.queueName])).toEqual([
      ['sync.full.page', 'run:r:users:2'],
      ['sync.full.advance', 'run:r:users:advance'],
      ['sync.user', 'p1:user:5'],
    ]);
    expect(jobs[2]?.runAt).toEqual(new Date(31_000));
  });
});

describe('the LDAP source task', () => {
  it('fails with an error naming the source when the process has no LDAP wiring', async () => {
    const handlers = syncTaskHandlers({} as SyncDeps, {} as JobQueue);
    await expect(handlers['source.ldap.sync']({ sourceId: 12 }, { attempt: 1, jobId: '1' })).rejects.toThrow(
      /LDAP source 12 .*without the LDAP source's dependencies/,
    );
  });
});
