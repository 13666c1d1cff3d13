import { EmptyState, EmptyStateBody, PageSection } from '@patternfly/react-core';
import { Link } from 'react-router';
import { useTitle } from '../components/use-title.js';

export function NotFoundPage() {
  useTitle('Not found');
  return (
    <PageSection>
      <EmptyState headingLevel="h1" titleText="Page not found">
        <EmptyStateBody>
          This page does not exist. <Link to="/">Back to the dashboard</Link>.
        </EmptyStateBody>
      </EmptyState>
    </PageSection>
  );
}
