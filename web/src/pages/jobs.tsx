/**
 * Events > Background jobs: the job queue's counts and its dead jobs (those that failed every
 * attempt), each with what it was about, its last error in full, advice on what to fix, and Retry.
 */
import {
  Alert,
  AlertActionCloseButton,
  Bullseye,
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  EmptyState,
  EmptyStateBody,
  Gallery,
  Label,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { CheckCircleIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { jobs } from '../api/endpoints.js';
import { queryKeys } from '../api/queries/keys.js';
import { useDeadJobs, useJobStatus } from '../api/queries/system.js';
import type { DeadJob, JobQueueStatus } from '../api/types.js';
import { DOCS, ErrorAlert, errorMessage, formatDate, PageHeader } from '../components/common.js';
import { useTitle } from '../components/use-title.js';

const QUEUE_KIND: Record<NonNullable<JobQueueStatus['kind']>, string> = {
  sqlite: 'Embedded queue (a table in the SQLite file, worked by this process)',
  'graphile-worker': 'graphile-worker on PostgreSQL (shared by every Conduit process)',
};

const TASK_LABEL: Record<string, string> = {
  'sync.full': 'Full sync',
  'sync.full.page': 'Full sync page',
  'sync.full.advance': 'Full sync step',
  'sync.user': 'User sync',
  'sync.group': 'Group sync',
  'sync.members': 'Membership change',
  'sync.delete': 'Deletion',
  'source.ldap.sync': 'LDAP source sync',
};

/**
 * What an administrator can do about an error, for the failures that have a known cause. The
 * error itself is always shown in full beside it.
 */
export function jobErrorAdvice(error: string | null): string {
  const e = error ?? '';
  if (/AADSTS7000215|AADSTS7000222|invalid client secret|client secret keys .* expired/i.test(e))
    return 'The client secret is wrong or expired: create a new secret in the app registration and enter it in the provider’s Edit form, then retry.';
  if (/AADSTS700027|AADSTS700024|client assertion/i.test(e))
    return 'Entra ID refused the certificate: check that the certificate set on the provider is the one uploaded to the app registration and has not expired, then retry.';
  if (/AADSTS700016|AADSTS90002|tenant .* not found|was not found in the directory/i.test(e))
    return 'The Client ID or Tenant ID is wrong (or belongs to another national cloud): copy them again from the app registration’s Overview into the provider, then retry.';
  if (
    /Token request to .* failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|NetworkError|fetch failed|certificate (has expired|verify)|self[- ]signed/i.test(
      e,
    )
  )
    return 'Conduit could not reach Microsoft’s sign-in or Graph endpoint. Check the provider’s national cloud (and custom URLs), and that this server can reach the host named in the error (DNS, firewall, proxy, TLS). Retry once it is reachable.';
  if (/Authorization_RequestDenied|Insufficient privileges|lacks a Graph permission|\b403\b/i.test(e))
    return 'The app registration lacks a Graph application permission or admin consent: grant it (see Configure Entra ID), then retry.';
  if (/\b429\b|throttl|TooManyRequests|\b50[0-4]\b|ServiceUnavailable|temporar/i.test(e))
    return 'Microsoft Graph was throttling or unavailable for longer than the job’s retries lasted. Nothing needs fixing on your side: retry.';
  return 'Read the error for the object and the cause; fix it in Conduit or in Entra ID, then retry. Retrying a job whose provider or object no longer exists does no harm: it finishes without doing anything.';
}

function ObjectLink({ job }: { job: DeadJob }) {
  const o = job.object;
  if (!o) return null;
  if (o.type === 'user' && o.pk !== null && o.name)
    return <Link to={`/users/${o.pk}`}>Open user {o.name}</Link>;
  if (o.type === 'group' && o.uuid && o.name)
    return <Link to={`/groups/${encodeURIComponent(o.uuid)}`}>Open group {o.name}</Link>;
  return null;
}

type Feedback = { variant: 'success' | 'danger'; title: string; body?: string };

export function JobsPage() {
  useTitle('Background jobs');
  const client = useQueryClient();
  const status = useJobStatus(5000);
  const dead = useDeadJobs(5000);
  const [retrying, setRetrying] = useState<Set<string>>(new Set());
  const [feedback, setFeedback] = useState<Feedback | null>(null);

  const retry = async (job: DeadJob) => {
    setRetrying((s) => new Set(s).add(job.id));
    setFeedback(null);
    try {
      await jobs.retry(job.id);
      setFeedback({
        variant: 'success',
        title: `Job ${job.id} was scheduled to run again`,
        body: `${job.summary}. It leaves this list now; if it fails every attempt again, it comes back here with its new error.`,
      });
    } catch (error) {
      setFeedback({
        variant: 'danger',
        title: `Job ${job.id} could not be retried`,
        body: errorMessage(error),
      });
    } finally {
      setRetrying((s) => {
        const next = new Set(s);
        next.delete(job.id);
        return next;
      });
      await client.invalidateQueries({ queryKey: queryKeys.jobs.all });
    }
  };

  const counts = status.data?.counts;
  const list = dead.data ?? [];
  return (
    <>
      <PageHeader
        title="Background jobs"
        description="Sync work runs as background jobs. A job that fails is retried with increasing delays; one that fails every attempt is dead: it waits here, with its last error, until you fix the cause and retry it."
        help={DOCS.jobs}
      />
      <PageSection>
        <ErrorAlert error={status.error} title="Could not load the job queue" />
        <Gallery hasGutter minWidths={{ default: '100%', md: '180px' }} className="pf-v6-u-mb-md">
          {(
            [
              ['Pending', counts?.pending, 'Waiting to run, or waiting for their next attempt.'],
              ['Running', counts?.running, 'Being worked on now.'],
              ['Dead', counts?.dead, 'Failed every attempt; listed below.'],
            ] as const
          ).map(([title, value, help]) => (
            <Card isCompact key={title}>
              <CardTitle component="h2">{title}</CardTitle>
              <CardBody>
                <span className="pf-v6-u-font-size-2xl" data-testid={`jobs-${title.toLowerCase()}`}>
                  {value ?? '…'}
                </span>
                <Content component="small" className="pf-v6-u-display-block">
                  {help}
                </Content>
              </CardBody>
            </Card>
          ))}
        </Gallery>
        {status.data && (
          <Content component="p" className="pf-v6-u-mb-lg">
            {status.data.kind
              ? `Queue: ${QUEUE_KIND[status.data.kind]}.`
              : 'No job queue runs in this process: jobs are worked by the Conduit worker processes.'}
          </Content>
        )}

        {feedback && (
          <Alert
            variant={feedback.variant}
            isInline
            title={feedback.title}
            className="pf-v6-u-mb-md"
            role={feedback.variant === 'danger' ? 'alert' : 'status'}
            actionClose={<AlertActionCloseButton onClose={() => setFeedback(null)} />}
          >
            {feedback.body}
          </Alert>
        )}

        <Title headingLevel="h2" className="pf-v6-u-mb-md">
          Dead jobs
        </Title>
        <ErrorAlert error={dead.error} title="Could not load the dead jobs" />
        {dead.isLoading ? (
          <Bullseye>
            <Spinner aria-label="Loading dead jobs" />
          </Bullseye>
        ) : dead.data && list.length === 0 ? (
          <EmptyState
            headingLevel="h3"
            status="success"
            icon={CheckCircleIcon}
            titleText="No dead jobs: the queue is healthy"
          >
            <EmptyStateBody>
              Every job has either finished or is still within its retries. A job that fails all its attempts
              appears here with its error.
            </EmptyStateBody>
          </EmptyState>
        ) : (
          <Table aria-label="Dead jobs" variant="compact">
            <Thead>
              <Tr>
                <Th modifier="wrap">Job</Th>
                <Th>Provider</Th>
                <Th modifier="fitContent">Attempts</Th>
                <Th modifier="wrap">Last error and what to do</Th>
                <Th>Created</Th>
                <Th screenReaderText="Actions" />
              </Tr>
            </Thead>
            <Tbody>
              {list.map((job) => (
                <Tr key={job.id} data-testid="dead-job">
                  <Td dataLabel="Job" modifier="breakWord">
                    <Label isCompact color="red" className="pf-v6-u-mr-sm">
                      {TASK_LABEL[job.task] ?? job.task}
                    </Label>
                    <div className="pf-v6-u-mt-xs">{job.summary}</div>
                    {job.object && <ObjectLink job={job} />}
                    <Content component="small" className="pf-v6-u-display-block pf-v6-u-text-color-subtle">
                      Job {job.id}
                      {job.queue_name ? ` · queue ${job.queue_name}` : ''}
                    </Content>
                  </Td>
                  <Td dataLabel="Provider">
                    {job.provider ? (
                      job.provider.name ? (
                        <Link to={`/providers/${job.provider.pk}`}>{job.provider.name}</Link>
                      ) : (
                        `#${job.provider.pk} (deleted)`
                      )
                    ) : (
                      '—'
                    )}
                  </Td>
                  <Td dataLabel="Attempts">{job.attempts}</Td>
                  <Td dataLabel="Last error and what to do" modifier="breakWord">
                    <pre className="cd-job-error" data-testid="dead-job-error">
                      {job.last_error ?? 'No error was recorded.'}
                    </pre>
                    <Content component="p" className="pf-v6-u-mt-sm">
                      {jobErrorAdvice(job.last_error)}
                    </Content>
                  </Td>
                  <Td dataLabel="Created">{formatDate(job.created)}</Td>
                  <Td dataLabel="Actions" isActionCell>
                    <Button
                      variant="secondary"
                      size="sm"
                      isLoading={retrying.has(job.id)}
                      isDisabled={retrying.has(job.id)}
                      onClick={() => void retry(job)}
                      aria-label={`Retry job ${job.id}`}
                    >
                      Retry
                    </Button>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </PageSection>
    </>
  );
}
