/**
 * The Entra provider's settings: authentik's fields (for compatibility) plus the national cloud. Secrets
 * (`client_secret`, a certificate's private key) are kept apart, sealed in `providers.secrets`.
 */
import { z } from 'zod';

export const ENTRA_PROVIDER_TYPE = 'microsoft_entra';

export const CLOUDS = ['global', 'usgov', 'usgov_dod', 'china', 'custom'] as const;
export type EntraCloud = (typeof CLOUDS)[number];

/** Sign-in and Graph endpoints of each national cloud (Microsoft's published hosts). */
export const CLOUD_ENDPOINTS: Record<
  Exclude<EntraCloud, 'custom'>,
  { loginUrl: string; graphUrl: string }
> = {
  global: { loginUrl: 'https://login.microsoftonline.com', graphUrl: 'https://graph.microsoft.com/v1.0' },
  usgov: { loginUrl: 'https://login.microsoftonline.us', graphUrl: 'https://graph.microsoft.us/v1.0' },
  usgov_dod: {
    loginUrl: 'https://login.microsoftonline.us',
    graphUrl: 'https://dod-graph.microsoft.us/v1.0',
  },
  china: {
    loginUrl: 'https://login.chinacloudapi.cn',
    graphUrl: 'https://microsoftgraph.chinacloudapi.cn/v1.0',
  },
};

/** Entra-specific, non-secret settings stored in `providers.settings` beside the outgoing-sync ones. */
export interface EntraSettings {
  client_id: string;
  tenant_id: string;
  cloud: EntraCloud;
  login_url: string | null;
  graph_url: string | null;
}

export function entraEndpoints(settings: Pick<EntraSettings, 'cloud' | 'login_url' | 'graph_url'>): {
  loginUrl: string;
  graphUrl: string;
} {
  if (settings.cloud === 'custom') {
    if (!settings.login_url || !settings.graph_url)
      throw new Error('A custom cloud needs login_url and graph_url.');
    return {
      loginUrl: settings.login_url.replace(/\/+$/, ''),
      graphUrl: settings.graph_url.replace(/\/+$/, ''),
    };
  }
  return CLOUD_ENDPOINTS[settings.cloud];
}

export const httpsUrl = z
  .string()
  .url('Enter a valid URL.')
  .refine(
    (u) => u.startsWith('https://'),
    'Must be an https:// URL (Microsoft identity libraries refuse plain http).',
  );

/** The API version Conduit's requests are written against (https://learn.microsoft.com/en-us/graph/versioning-and-support). */
export const GRAPH_API_VERSION = 'v1.0';

/**
 * A custom Graph base URL must end in the version segment: Conduit appends resource paths
 * (`/users`, `/$batch`) to it, and Graph answers a path without a version with "Invalid version"
 * for every request. Refused with a field error rather than fixed silently, so the URL an
 * administrator reads in the form is the one requests go to.
 */
export const graphBaseUrl = httpsUrl.refine(
  (u) => new URL(u).pathname.replace(/\/+$/, '').endsWith(`/${GRAPH_API_VERSION}`),
  `End the Graph URL with the API version, e.g. "https://graph.example.com/${GRAPH_API_VERSION}": Conduit adds resource paths such as /users to it.`,
);

/**
 * Where a provider's credential is sent: the sign-in host (token requests) and the Graph base URL
 * (requests carrying the token). Null when a custom cloud lacks one of them.
 */
export function credentialEndpoints(
  settings: Partial<Pick<EntraSettings, 'cloud' | 'login_url' | 'graph_url'>>,
): { loginUrl: string; graphUrl: string } | null {
  const cloud = settings.cloud ?? 'global';
  if (cloud === 'custom' && (!settings.login_url || !settings.graph_url)) return null;
  return entraEndpoints({
    cloud,
    login_url: settings.login_url ?? null,
    graph_url: settings.graph_url ?? null,
  });
}
