/** Notifications: transports, rules, test button and recent deliveries (being filled in, issue 18). */
import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/common.js';
import { useTitle } from '../../components/use-title.js';

export function NotificationsPage() {
  useTitle('Notifications');
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Where Conduit sends word of failed runs, held changes and expiring credentials."
      />
      <PageSection />
    </>
  );
}
