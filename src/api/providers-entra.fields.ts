/**
 * Request bodies of `/api/v3/providers/microsoft_entra/`: authentik's `MicrosoftEntraProviderRequest`
 * fields (client_secret write-only) plus Conduit's (a certificate credential, sync settings, cloud
 * endpoints). One 400 lists every field's error, the credential checks included.
 */

import { Cron } from 'croner';
import { z } from 'zod';
import {
  ClientCertificateError,
  MAX_CLIENT_CERTIFICATE_LENGTH,
  parseClientCertificate,
} from '../providers/entra/client-certificate.js';
import { CLOUDS, graphBaseUrl, httpsUrl } from '../providers/entra/settings.js';
import { userScopingRulesSchema } from '../sync/scoping-rules.js';
import { parseTimedelta } from '../sync/timedelta.js';
import { int32, requiredText, text } from './core-fields.js';

/** What happens to an Entra object when its local user or group is deleted. */
export const deleteAction = z.enum(['do_nothing', 'delete', 'suspend']);

/** What happens to an Entra object whose local object leaves the provider's scope. */
export const outOfScopeAction = z.enum(['none', 'suspend', 'delete']);

export const groupNesting = z.enum(['direct', 'nested', 'flatten']);
export const externalUsers = z.enum(['skip', 'invite']);

/** A cron expression (five or six fields, croner's syntax). */
const cronExpression = z
  .string()
  .max(200)
  .superRefine((v, ctx) => {
    try {
      new Cron(v, { paused: true }).stop();
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `Not a valid cron expression (${(error as Error).message}); e.g. "0 */4 * * *" runs every 4 hours.`,
      });
    }
  });

const timedelta = z
  .string()
  .min(1)
  .refine(
    (v) => (parseTimedelta(v) ?? 0) > 0,
    'Use the time-delta syntax, e.g. "minutes=30" or "hours=1;minutes=30" (weeks, days, hours, minutes, seconds).',
  );

const providerFields = {
  name: requiredText(255),
  property_mappings: z.array(z.string().uuid()).optional(),
  property_mappings_group: z.array(z.string().uuid()).optional(),
  client_id: requiredText(1024),
  /** Write-only. Give this or `client_certificate`; empty in an update means unchanged. */
  client_secret: text(1024).optional(),
  /** Write-only PEM: the certificate's private key and the certificate (and optionally its chain). */
  client_certificate: text(MAX_CLIENT_CERTIFICATE_LENGTH).optional(),
  tenant_id: requiredText(1024),
  exclude_users_service_account: z.boolean().optional(),
  filter_group: z.string().uuid().nullable().optional(),
  user_delete_action: deleteAction.optional(),
  group_delete_action: deleteAction.optional(),
  sync_page_size: int32.pipe(z.number().min(1)).optional(),
  sync_page_timeout: timedelta.optional(),
  discovery_enabled: z.boolean().optional(),
  dry_run: z.boolean().optional(),
  sync_interval_minutes: int32
    .min(5)
    .max(7 * 24 * 60)
    .optional(),
  out_of_scope_action: outOfScopeAction.optional(),
  deletion_threshold: int32.pipe(z.number().min(0)).optional(),
  cloud: z.enum(CLOUDS).optional(),
  login_url: httpsUrl.nullable().optional(),
  graph_url: graphBaseUrl.nullable().optional(),
  group_filters: z.array(z.string().uuid()).max(1000).optional(),
  group_filters_include_children: z.boolean().optional(),
  filter_group_include_children: z.boolean().optional(),
  user_scoping_rules: userScopingRulesSchema.optional(),
  suspend_then_delete_after_days: int32.min(1).max(3650).nullable().optional(),
  protected_group: z.string().uuid().nullable().optional(),
  delete_adopted_objects: z.boolean().optional(),
  held_changes_threshold: int32.min(0).optional(),
  held_changes_threshold_percent: int32.min(0).max(100).optional(),
  held_changes_window_minutes: int32
    .min(1)
    .max(24 * 60)
    .optional(),
  paused: z.boolean().optional(),
  sync_schedule: cronExpression.nullable().optional(),
  group_nesting: groupNesting.optional(),
  external_users: externalUsers.optional(),
  send_invitation_message: z.boolean().optional(),
  invite_redirect_url: httpsUrl.nullable().optional(),
  default_usage_location: z
    .string()
    .regex(/^[A-Z]{2}$/, 'Use a two-letter ISO 3166 country code in capitals, e.g. "GB" or "US".')
    .nullable()
    .optional(),
};

type CredentialFields = { client_secret?: unknown; client_certificate?: unknown };

/**
 * Field errors of the credential fields, reported with the others in one 400: both given, or a
 * certificate that cannot be used (the provider service checks again before storing).
 */
function checkCredential(v: CredentialFields, ctx: z.RefinementCtx, required: boolean): void {
  // A field of the wrong type already has its own error.
  const typed = (x: unknown) => x === undefined || typeof x === 'string';
  if (!typed(v.client_secret) || !typed(v.client_certificate)) return;
  const secret = typeof v.client_secret === 'string' && v.client_secret !== '';
  const pem = typeof v.client_certificate === 'string' ? v.client_certificate.trim() : '';
  if (secret && pem) {
    ctx.addIssue({
      code: 'custom',
      path: ['client_certificate'],
      message: 'Give either a client secret or a certificate, not both: the provider uses exactly one.',
    });
  } else if (pem) {
    try {
      parseClientCertificate(pem);
    } catch (error) {
      if (!(error instanceof ClientCertificateError)) throw error;
      ctx.addIssue({ code: 'custom', path: ['client_certificate'], message: error.message });
    }
  } else if (!secret && required) {
    ctx.addIssue({
      code: 'custom',
      path: ['client_secret'],
      message:
        v.client_secret === ''
          ? 'This field may not be blank.'
          : 'Enter the app registration’s client secret, or give a certificate (client_certificate) instead.',
    });
  }
}

/** Run the body-level checks even when a field failed, so one 400 lists every field's error. */
const always = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};

/** POST: a secret or a certificate is required; a custom cloud needs both of its endpoints. */
export const createProviderBody = z.object(providerFields).superRefine((v, ctx) => {
  checkCredential(v, ctx, true);
  if (v.cloud === 'custom') {
    if (!v.login_url)
      ctx.addIssue({ code: 'custom', path: ['login_url'], message: 'Required when the cloud is "custom".' });
    if (!v.graph_url)
      ctx.addIssue({ code: 'custom', path: ['graph_url'], message: 'Required when the cloud is "custom".' });
  }
}, always);

const patchFields = z.object(providerFields).partial();

/** PATCH: any field; an omitted or empty credential keeps the stored one. */
export const patchProviderBody = patchFields.superRefine((v, ctx) => checkCredential(v, ctx, false), always);

/** PUT: name, client id and tenant id are required; the credential may be kept. */
export const putProviderBody = patchFields
  .required({ name: true, client_id: true, tenant_id: true })
  .superRefine((v, ctx) => checkCredential(v, ctx, false), always);

export type ProviderUpdate = z.infer<typeof patchProviderBody>;
