/**
 * `/api/v3/conduit/jobs/`: the job queue as an administrator needs it — counts, dead jobs (failed
 * every attempt) with their last error and what they were about (provider, user or group, by
 * name), and retrying one.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DeadJob } from '../jobs/job-queue.js';
import type { Database } from '../store/schema.js';
import { requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { ApiError } from './http-errors.js';

const asId = (v: unknown): number | null => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};
const quoted = (name: string | null | undefined, fallback: string) => (name ? `“${name}”` : fallback);

/** Names the provider, user and group each job's payload refers to, with one query per kind. */
export async function describeJobs(db: Kysely<Database>, jobs: DeadJob[]): Promise<JobSubject[]> {
  const ids = (key: string) => [
    ...new Set(jobs.map((j) => asId(j.payload[key])).filter((n): n is number => n !== null)),
  ];
  const [providerIds, userIds, groupIds] = [ids('providerId'), ids('userId'), ids('groupId')];
  const [providers, users, groups] = await Promise.all([
    providerIds.length
      ? db.selectFrom('providers').select(['id', 'name']).where('id', 'in', providerIds).execute()
      : [],
    userIds.length
      ? db.selectFrom('users').select(['id', 'username']).where('id', 'in', userIds).execute()
      : [],
    groupIds.length
      ? db.selectFrom('groups').select(['id', 'name', 'group_uuid']).where('id', 'in', groupIds).execute()
      : [],
  ]);
  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const userName = new Map(users.map((u) => [u.id, u.username]));
  const groupRow = new Map(groups.map((g) => [g.id, g]));

  return jobs.map((job) => {
    const p = job.payload;
    const providerId = asId(p.providerId);
    const provider =
      providerId === null ? null : { pk: providerId, name: providerName.get(providerId) ?? null };
    const to = provider ? ` to provider ${quoted(provider.name, `#${provider.pk} (deleted since)`)}` : '';
    const userId = asId(p.userId);
    const groupId = asId(p.groupId);
    const user =
      userId === null ? null : { type: 'user' as const, pk: userId, name: userName.get(userId) ?? null };
    const groupFound = groupId === null ? undefined : groupRow.get(groupId);
    const group =
      groupId === null
        ? null
        : {
            type: 'group' as const,
            pk: groupId,
            name: groupFound?.name ?? null,
            ...(groupFound ? { uuid: groupFound.group_uuid } : {}),
          };
    const gone = (kind: string, pk: number) => `${kind} #${pk} (no longer exists)`;
    switch (job.task) {
      case 'sync.full':
        return {
          provider,
          object: null,
          summary: `Full sync${to}${p.confirmDeletions === true ? ', with deletions confirmed' : ''}`,
        };
      case 'sync.full.page':
      case 'sync.full.advance': {
        const phase = p.phase === 'groups' ? 'groups' : 'users';
        const step =
          job.task === 'sync.full.page'
            ? `page ${Number(p.seq) + 1} of the ${phase}`
            : `the step after the ${phase}`;
        const run = typeof p.runId === 'string' ? ` (run ${p.runId})` : '';
        return { provider, object: null, summary: `Full sync${to}: ${step}${run}` };
      }
      case 'sync.user':
        return {
          provider,
          object: user,
          summary: user ? `Sync user ${quoted(user.name, gone('user', user.pk))}${to}` : `Sync a user${to}`,
        };
      case 'sync.group':
        return {
          provider,
          object: group,
          summary: group
            ? `Sync group ${quoted(group.name, gone('group', group.pk))}${to}`
            : `Sync a group${to}`,
        };
      case 'sync.members': {
        const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
        const which = group ? ` ${quoted(group.name, gone('group', group.pk))}` : '';
        return {
          provider,
          object: group,
          summary: `Membership change of group${which} (${count(p.added)} added, ${count(p.removed)} removed)${to}`,
        };
      }
      case 'sync.delete': {
        const type = p.type === 'group' ? 'group' : 'user';
        const label = typeof p.label === 'string' && p.label ? p.label : null;
        const remote = typeof p.remoteId === 'string' ? ` (Entra object id ${p.remoteId})` : '';
        const from = provider ? `, provider ${quoted(provider.name, `#${provider.pk} (deleted since)`)}` : '';
        return {
          provider,
          object: { type, pk: null, name: label },
          summary: `Delete ${type}${label ? ` “${label}”` : ''}${remote} from Entra ID${from}`,
        };
      }
      default:
        return { provider, object: user ?? group, summary: job.task };
    }
  });
}

/** What a dead job was about, in the words of the admin UI. */
const subjectSchema = z.object({
  /** The provider the job synced to; `name` is null when the provider was deleted since. */
  provider: z.object({ pk: z.number(), name: z.string().nullable() }).nullable(),
  /**
   * The user or group concerned; `name` is null when it no longer exists, `pk` when only its
   * Entra object is known (a deletion). `uuid` is a group's (its web UI address).
   */
  object: z
    .object({
      type: z.enum(['user', 'group']),
      pk: z.number().nullable(),
      name: z.string().nullable(),
      uuid: z.string().optional(),
    })
    .nullable(),
  /** One sentence: what the job was doing. */
  summary: z.string(),
});

/** What a dead job was about, in the words of the admin UI. */
export type JobSubject = z.infer<typeof subjectSchema>;

/** The queue's kind and how many jobs wait, run and are dead. */
const queueSummaryResponse = z.object({
  /** Which queue runs in this process; null when none does. */
  kind: z.enum(['sqlite', 'graphile-worker']).nullable(),
  counts: z.object({ pending: z.number(), running: z.number(), dead: z.number() }),
});

/** A job that failed every attempt, with what it was about. */
const deadJobResponse = subjectSchema.extend({
  id: z.string(),
  task: z.string(),
  payload: z.record(z.string(), z.unknown()),
  queue_name: z.string().nullable(),
  attempts: z.number(),
  last_error: z.string().nullable(),
  created: z.string(),
});

/** The job queue routes: counts, dead jobs and retrying one. */
export async function jobRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const guard = { onRequest: requireSuperuser(ctx.store.db) };
  // A process that runs no queue (an API-only test harness) has no jobs: empty lists, unknown ids.
  const queue = () => ctx.services.queue ?? null;

  const tags = ['conduit'];
  r.get(
    '/api/v3/conduit/jobs/',
    { ...guard, schema: { tags, response: { 200: queueSummaryResponse } } },
    async () => {
      const q = queue();
      return { kind: q?.kind ?? null, counts: q ? await q.counts() : { pending: 0, running: 0, dead: 0 } };
    },
  );

  const deadList = { ...guard, schema: { tags, response: { 200: z.array(deadJobResponse) } } };
  r.get('/api/v3/conduit/jobs/dead/', deadList, async () => {
    const dead = (await queue()?.listDead()) ?? [];
    const subjects = await describeJobs(ctx.store.db, dead);
    return dead.map((j, i) => ({
      id: j.id,
      task: j.task,
      payload: j.payload,
      queue_name: j.queueName,
      attempts: j.attempts,
      last_error: j.lastError,
      created: j.createdAt,
      ...(subjects[i] as JobSubject),
    }));
  });

  r.post(
    '/api/v3/conduit/jobs/:id/retry/',
    {
      ...guard,
      schema: {
        tags,
        params: z.object({ id: z.string().regex(/^\d{1,18}$/, 'A job id is a number.') }),
        response: { 202: z.object({ detail: z.string() }) },
      },
    },
    async (request, reply) => {
      if (!(await queue()?.retryDead(request.params.id))) throw ApiError.notFound();
      return reply.status(202).send({ detail: 'The job was scheduled to run again.' });
    },
  );
}
