/** Hooks for the job queue and the audit log's vocabulary. */
import { useQuery } from '@tanstack/react-query';
import { events, jobs } from '../endpoints.js';
import { queryKeys } from './keys.js';

/** The job queue's counts; the dashboard and the jobs page share it, so both show the same numbers. */
export function useJobStatus(refetchInterval: number) {
  return useQuery({ queryKey: queryKeys.jobs.status, queryFn: jobs.status, refetchInterval });
}

/** Jobs that failed every attempt. */
export function useDeadJobs(refetchInterval: number) {
  return useQuery({ queryKey: queryKeys.jobs.dead, queryFn: jobs.dead, refetchInterval });
}

/** The audit log's actions and their labels. */
export function useEventActions() {
  return useQuery({ queryKey: queryKeys.events.actions, queryFn: events.actions });
}
