import type { JobContext, TaskHandlers, TaskName } from '../../src/jobs/job-queue.js';

// A record, so adding a task name without listing it here fails to compile.
const TASKS: Record<TaskName, true> = {
  'sync.full': true,
  'sync.full.page': true,
  'sync.full.advance': true,
  'sync.user': true,
  'sync.group': true,
  'sync.members': true,
  'sync.delete': true,
  'source.ldap.sync': true,
};

/** The same handler for every task (queue tests that only care whether a job runs or dies). */
export function everyTask(handler: (payload: unknown, context: JobContext) => Promise<void>): TaskHandlers {
  return Object.fromEntries(Object.keys(TASKS).map((task) => [task, handler])) as TaskHandlers;
}
