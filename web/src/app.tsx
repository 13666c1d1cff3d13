/** The admin app's routes. Every page talks to the same `/api/v3/` API as any other client. */
import { Route, Routes } from 'react-router';
import { AppLayout } from './components/layout.js';
import { SessionGate } from './components/session.js';
import { ApplicationsPage } from './pages/applications.js';
import { DashboardPage } from './pages/dashboard.js';
import { EventsPage } from './pages/events.js';
import { GroupDetailPage, GroupsPage } from './pages/groups.js';
import { HelpPage } from './pages/help.js';
import { JobsPage } from './pages/jobs.js';
import { NotFoundPage } from './pages/not-found.js';
import { NotificationsPage } from './pages/notifications/notifications-page.js';
import { MappingEditorPage, PropertyMappingsPage } from './pages/property-mappings.js';
import { ProviderCreatePage } from './pages/provider-create.js';
import { ProviderPage } from './pages/provider-page.js';
import { ProvidersPage } from './pages/providers.js';
import { CsvImportPage } from './pages/sources/csv-import-page.js';
import { LdapSourcePage, SourcesPage } from './pages/sources/sources-page.js';
import { TokensPage } from './pages/tokens.js';
import { UserDetailPage, UsersPage } from './pages/users.js';

export function App() {
  return (
    <SessionGate>
      <AppLayout>
        <Routes>
          <Route path="/" element={<DashboardPage />} />
          <Route path="/applications" element={<ApplicationsPage />} />
          <Route path="/providers" element={<ProvidersPage />} />
          <Route path="/providers/create" element={<ProviderCreatePage />} />
          <Route path="/providers/:id" element={<ProviderPage />} />
          <Route path="/property-mappings" element={<PropertyMappingsPage />} />
          <Route path="/property-mappings/create" element={<MappingEditorPage />} />
          <Route path="/property-mappings/:uuid" element={<MappingEditorPage />} />
          <Route path="/users" element={<UsersPage />} />
          <Route path="/users/import" element={<CsvImportPage />} />
          <Route path="/users/:id" element={<UserDetailPage />} />
          <Route path="/groups" element={<GroupsPage />} />
          <Route path="/groups/:uuid" element={<GroupDetailPage />} />
          <Route path="/sources" element={<SourcesPage />} />
          <Route path="/sources/ldap/:slug" element={<LdapSourcePage />} />
          <Route path="/tokens" element={<TokensPage />} />
          <Route path="/events" element={<EventsPage />} />
          <Route path="/jobs" element={<JobsPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="/help/:page" element={<HelpPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </AppLayout>
    </SessionGate>
  );
}
