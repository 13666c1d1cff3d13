/**
 * The admin API's types, generated from the OpenAPI document it serves (`/api/v3/schema/`).
 * Do not edit: change the route's zod schema and run `npx tsx scripts/generate-web-types.ts`.
 * Named aliases for the web client are in `./index.ts`.
 */

import type { paths as ConduitJobs } from './conduit-jobs.js';
import type { paths as ConduitProviderDefaults } from './conduit-provider-defaults.js';
import type { paths as ConduitSession } from './conduit-session.js';
import type { paths as ConduitUsers } from './conduit-users.js';
import type { paths as CoreApplications } from './core-applications.js';
import type { paths as CoreApplications2 } from './core-applications-2.js';
import type { paths as CoreGroups } from './core-groups.js';
import type { paths as CoreGroups2 } from './core-groups-2.js';
import type { paths as CoreTokens } from './core-tokens.js';
import type { paths as CoreTokens2 } from './core-tokens-2.js';
import type { paths as CoreUsers } from './core-users.js';
import type { paths as CoreUsers2 } from './core-users-2.js';
import type { paths as EventsEvents } from './events-events.js';
import type { paths as Health } from './health.js';
import type { paths as PropertymappingsAll } from './propertymappings-all.js';
import type { paths as PropertymappingsProvider } from './propertymappings-provider.js';
import type { paths as PropertymappingsSource } from './propertymappings-source.js';
import type { paths as ProvidersAll } from './providers-all.js';
import type { paths as ProvidersMicrosoftEntra } from './providers-microsoft-entra.js';
import type { paths as ProvidersMicrosoftEntra2 } from './providers-microsoft-entra-2.js';
import type { paths as ProvidersMicrosoftEntra3 } from './providers-microsoft-entra-3.js';
import type { paths as ProvidersMicrosoftEntraGroups } from './providers-microsoft-entra-groups.js';
import type { paths as ProvidersMicrosoftEntraUsers } from './providers-microsoft-entra-users.js';
import type { paths as SourcesGroupConnections } from './sources-group-connections.js';
import type { paths as SourcesLdap } from './sources-ldap.js';
import type { paths as SourcesLdap2 } from './sources-ldap-2.js';
import type { paths as SourcesLdap3 } from './sources-ldap-3.js';
import type { paths as SourcesUserConnections } from './sources-user-connections.js';

/** Every path of the admin API. */
export type paths = ConduitJobs &
  ConduitProviderDefaults &
  ConduitSession &
  ConduitUsers &
  CoreApplications &
  CoreApplications2 &
  CoreGroups &
  CoreGroups2 &
  CoreTokens &
  CoreTokens2 &
  CoreUsers &
  CoreUsers2 &
  EventsEvents &
  Health &
  PropertymappingsAll &
  PropertymappingsProvider &
  PropertymappingsSource &
  ProvidersAll &
  ProvidersMicrosoftEntra &
  ProvidersMicrosoftEntra2 &
  ProvidersMicrosoftEntra3 &
  ProvidersMicrosoftEntraGroups &
  ProvidersMicrosoftEntraUsers &
  SourcesGroupConnections &
  SourcesLdap &
  SourcesLdap2 &
  SourcesLdap3 &
  SourcesUserConnections;
