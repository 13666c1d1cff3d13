/** The dry-run plan: a full sync computed without writing, shown per object and property. */
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  Gallery,
  Label,
} from '@patternfly/react-core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { entra } from '../../api/endpoints.js';
import type { EntraProvider, SyncPlan } from '../../api/types.js';
import { errorMessage, StatusLabel } from '../../components/common.js';
import { FilterSelect } from '../../components/list-view.js';
import { objectName, ResultDetail, RunCounts } from '../../components/sync-views.js';
import { hasDetail } from './run-history.js';

export function PlanViewer({ provider }: { provider: EntraProvider }) {
  const [plan, setPlan] = useState<SyncPlan | null>(null);
  const [filter, setFilter] = useState('all');
  const compute = useMutation({ mutationFn: () => entra.plan(provider.pk), onSuccess: (p) => setPlan(p) });
  const results = plan?.results ?? [];
  const operations = [...new Set(results.map((r) => r.operation))].sort();
  const shown = results.filter((r) => filter === 'all' || r.operation === filter);
  return (
    <div className="pf-v6-u-mt-md">
      <p className="pf-v6-u-mb-md">
        The plan is a full sync in dry-run mode: Conduit reads Entra ID and shows, for each object and each
        property, what a real sync would create, update (before → after), suspend, delete, and which members
        it would add or remove. Nothing is written to Entra ID.
      </p>
      <Button
        variant="primary"
        onClick={() => compute.mutate()}
        isLoading={compute.isPending}
        isDisabled={compute.isPending}
      >
        {plan ? 'Compute the plan again' : 'Compute plan'}
      </Button>
      {compute.error && (
        <Alert variant="danger" isInline title="The plan could not be computed" className="pf-v6-u-mt-md">
          {errorMessage(compute.error)}
        </Alert>
      )}
      {plan && (
        <div className="pf-v6-u-mt-md" aria-live="polite">
          <Flex
            alignItems={{ default: 'alignItemsCenter' }}
            gap={{ default: 'gapMd' }}
            flexWrap={{ default: 'wrap' }}
          >
            <FlexItem>
              <strong>{plan.count} planned operations</strong> · <RunCounts counts={plan.run.counts} />
            </FlexItem>
            <FlexItem>
              <FilterSelect
                id="plan-filter"
                ariaLabel="Show operations"
                value={filter}
                onChange={setFilter}
                allLabel="All operations"
                allValue="all"
                options={operations.map((o) => ({ value: o, label: o.replace(/_/g, ' ') }))}
              />
            </FlexItem>
          </Flex>
          {results.length === 0 ? (
            <EmptyState headingLevel="h3" titleText="Entra ID is up to date">
              <EmptyStateBody>A sync now would change nothing.</EmptyStateBody>
            </EmptyState>
          ) : (
            <Gallery hasGutter minWidths={{ default: '100%' }} className="pf-v6-u-mt-md">
              {shown.map((r) => (
                <Card key={r.id} isCompact data-testid="plan-entry">
                  <CardHeader>
                    <CardTitle component="h3">
                      <Flex gap={{ default: 'gapSm' }} alignItems={{ default: 'alignItemsCenter' }}>
                        <Label isCompact color="blue">
                          {r.operation.replace(/_/g, ' ')}
                        </Label>
                        <span>{objectName(r)}</span>
                        <StatusLabel status={r.status} />
                      </Flex>
                    </CardTitle>
                  </CardHeader>
                  <CardBody>
                    {r.message && <p className="cd-wrap pf-v6-u-mb-sm">{r.message}</p>}
                    {hasDetail(r.detail) && <ResultDetail operation={r.operation} detail={r.detail} />}
                  </CardBody>
                </Card>
              ))}
            </Gallery>
          )}
        </div>
      )}
    </div>
  );
}
