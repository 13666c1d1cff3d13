/**
 * Request and response schemas of `/api/v3/sources/ldap/` in authentik's shapes (`LDAPSource`,
 * `LDAPSourceRequest`, `PatchedLDAPSourceRequest`, `SyncStatus`), with Conduit's additions marked.
 * Shared with the web UI's source form (web/src/pages/sources/).
 */
import { z } from 'zod';
import { SLUG_PATTERN } from '../directory/applications.js';
import {
  ATTRIBUTE_NAME,
  bindNameProblem,
  certificateProblem,
  dnProblem,
  filterProblem,
  MAX_PAGE_SIZE,
  parseServerUris,
} from '../sources/ldap/source-settings.js';
import { int32, requiredText, text } from './core-fields.js';

const problem = (check: (v: string) => string | null) => (v: string, ctx: z.RefinementCtx) => {
  const message = check(v);
  if (message) ctx.addIssue({ code: 'custom', message });
};

const serverUri = requiredText(4096).superRefine(
  problem((v) => {
    const parsed = parseServerUris(v);
    return typeof parsed === 'string' ? parsed : null;
  }),
);
const requiredDn = text(2048).superRefine(problem((v) => dnProblem(v, false)));
const optionalDn = text(2048).superRefine(problem((v) => dnProblem(v, true)));
const filter = requiredText(4096).superRefine(problem(filterProblem));
const attributeName = requiredText(255).refine(
  (v) => ATTRIBUTE_NAME.test(v),
  'Enter an LDAP attribute name such as "member", "memberOf" or "objectGUID".',
);

/** The source fields a request may carry, authentik's and Conduit's. */
export const sourceFields = {
  name: requiredText(255),
  slug: requiredText(50).refine(
    (v) => SLUG_PATTERN.test(v),
    'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.',
  ),
  enabled: z.boolean().optional(),
  promoted: z.boolean().optional(),
  authentication_flow: z.null().optional(),
  enrollment_flow: z.null().optional(),
  user_property_mappings: z.array(z.uuid()).optional(),
  group_property_mappings: z.array(z.uuid()).optional(),
  policy_engine_mode: z.enum(['all', 'any']).optional(),
  user_matching_mode: z
    .enum(['identifier', 'email_link', 'email_deny', 'username_link', 'username_deny'])
    .optional(),
  user_path_template: requiredText(255).optional(),
  icon: text(2048).optional(),
  server_uri: serverUri,
  /** authentik: a certificate's uuid. Conduit: the id of the stored PEM (unchanged), or null to remove it. */
  peer_certificate: z.uuid().nullable().optional(),
  /** Conduit: the CA certificate(s) to trust, as PEM (sets `peer_certificate`). */
  peer_certificate_pem: text(65_535)
    .superRefine(problem((v) => (v.trim() === '' ? null : certificateProblem(v))))
    .nullable()
    .optional(),
  client_certificate: z
    .null({ message: 'Conduit does not bind with client certificates; leave client_certificate empty.' })
    .optional(),
  bind_cn: text(2048).superRefine(problem(bindNameProblem)).optional(),
  /** Write-only; empty in an update keeps the stored password. */
  bind_password: text(1024).optional(),
  start_tls: z.boolean().optional(),
  sni: z.boolean().optional(),
  base_dn: requiredDn,
  additional_user_dn: optionalDn.optional(),
  additional_group_dn: optionalDn.optional(),
  user_object_filter: filter.optional(),
  group_object_filter: filter.optional(),
  group_membership_field: attributeName.optional(),
  user_membership_attribute: attributeName.optional(),
  object_uniqueness_field: attributeName.optional(),
  password_login_update_internal_password: z.boolean().optional(),
  sync_users: z.boolean().optional(),
  sync_users_password: z.boolean().optional(),
  sync_groups: z.boolean().optional(),
  sync_parent_group: z.uuid().nullable().optional(),
  lookup_groups_from_user: z.boolean().optional(),
  delete_not_found_objects: z.boolean().optional(),
  sync_outgoing_trigger_mode: z.enum(['none', 'immediate', 'deferred_end']).optional(),
  sync_group_hierarchy: z.boolean().optional(),
  /** Conduit: minutes between scheduled syncs; 0 syncs only on demand. */
  sync_interval_minutes: int32
    .min(0)
    .max(7 * 24 * 60)
    .refine((v) => v === 0 || v >= 5, 'Sync at most every 5 minutes, or 0 for on demand only.')
    .optional(),
  /** Conduit: entries per page of the paged search (RFC 2696). */
  sync_page_size: int32.min(1).max(MAX_PAGE_SIZE).optional(),
  /** Conduit: deletions above this percentage of the source's users or groups wait for a confirmation. */
  deletion_limit_percent: int32.min(0).max(100).optional(),
};

type Fields = { server_uri?: unknown; start_tls?: unknown };

/** StartTLS on an `ldaps://` URI is a contradiction: say so on the field. */
function checkTls(v: Fields, ctx: z.RefinementCtx): void {
  if (v.start_tls !== true || typeof v.server_uri !== 'string') return;
  const servers = parseServerUris(v.server_uri);
  if (typeof servers !== 'string' && servers.some((s) => s.secure)) {
    ctx.addIssue({
      code: 'custom',
      path: ['start_tls'],
      message:
        'StartTLS upgrades ldap:// connections; ldaps:// is already TLS. Turn start_tls off or use ldap://.',
    });
  }
}

const always = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};

export const createSourceBody = z.object(sourceFields).superRefine(checkTls, always);
export const patchSourceBody = z.object(sourceFields).partial().superRefine(checkTls, always);
export const putSourceBody = z
  .object(sourceFields)
  .partial()
  .required({ name: true, slug: true, server_uri: true, base_dn: true })
  .superRefine(checkTls, always);

export type SourceBody = z.infer<typeof patchSourceBody>;

export const sourceResponse = z.object({
  pk: z.string(),
  name: z.string(),
  slug: z.string(),
  enabled: z.boolean(),
  promoted: z.boolean(),
  authentication_flow: z.string().nullable(),
  enrollment_flow: z.string().nullable(),
  user_property_mappings: z.array(z.string()),
  group_property_mappings: z.array(z.string()),
  component: z.string(),
  verbose_name: z.string(),
  verbose_name_plural: z.string(),
  meta_model_name: z.string(),
  policy_engine_mode: z.enum(['all', 'any']),
  user_matching_mode: z.string(),
  managed: z.string().nullable(),
  user_path_template: z.string(),
  icon: z.string(),
  icon_url: z.string(),
  icon_themed_urls: z.null(),
  server_uri: z.string(),
  peer_certificate: z.string().nullable(),
  client_certificate: z.string().nullable(),
  bind_cn: z.string(),
  start_tls: z.boolean(),
  sni: z.boolean(),
  base_dn: z.string(),
  additional_user_dn: z.string(),
  additional_group_dn: z.string(),
  user_object_filter: z.string(),
  group_object_filter: z.string(),
  group_membership_field: z.string(),
  user_membership_attribute: z.string(),
  object_uniqueness_field: z.string(),
  password_login_update_internal_password: z.boolean(),
  sync_users: z.boolean(),
  sync_users_password: z.boolean(),
  sync_groups: z.boolean(),
  sync_parent_group: z.string().nullable(),
  connectivity: z.record(z.string(), z.record(z.string(), z.string())).nullable(),
  lookup_groups_from_user: z.boolean(),
  delete_not_found_objects: z.boolean(),
  sync_outgoing_trigger_mode: z.string(),
  sync_group_hierarchy: z.boolean(),
  /** Conduit: the CA PEM behind `peer_certificate`. */
  peer_certificate_pem: z.string().nullable(),
  /** Conduit: whether a bind password is stored (it is never returned). */
  has_bind_password: z.boolean(),
  sync_interval_minutes: z.number(),
  sync_page_size: z.number(),
  deletion_limit_percent: z.number(),
});

const counts = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  deleted: z.number(),
  errors: z.number(),
});

/** A run of a source's sync (Conduit). */
export const sourceRunSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'warning', 'error']),
  trigger: z.enum(['schedule', 'manual']),
  mode: z.enum(['full', 'incremental']).nullable(),
  phase: z.string().nullable(),
  /** Entries listed so far and processed of them. */
  total: z.number(),
  done: z.number(),
  counts: z.object({ users: counts, groups: counts, memberships: counts }),
  error: z.string().nullable(),
  /** Deletions the mass-deletion guard held back; sync again with `confirm_deletions` to apply them. */
  held_deletions: z.object({ users: z.number(), groups: z.number(), limit_percent: z.number() }).nullable(),
  started: z.string(),
  finished: z.string().nullable(),
});

/** authentik's `SyncStatus`, with Conduit's run details. */
export const syncStatusResponse = z.object({
  is_running: z.boolean(),
  last_successful_sync: z.string().optional(),
  last_sync_status: z.enum(['running', 'done', 'warning', 'error']).optional(),
  /** Conduit: the latest run (running or finished), or null before the first. */
  run: sourceRunSchema.nullable(),
  /** Conduit: when the next scheduled sync is due, or null (disabled, or on demand only). */
  next_sync: z.string().nullable(),
});

export const syncNowBody = z
  .object({
    /** Apply deletions the mass-deletion guard held back in the last run. */
    confirm_deletions: z.boolean().optional(),
  })
  .nullable()
  .optional();

export const sourceResultSchema = z.object({
  id: z.number(),
  object_type: z.enum(['user', 'group', 'membership']),
  dn: z.string().nullable(),
  local_id: z.number().nullable(),
  operation: z.string(),
  status: z.enum(['ok', 'error', 'skipped', 'held']),
  message: z.string().nullable(),
  created: z.string(),
});

export const connectivityResponse = z.object({
  status: z.enum(['ok', 'error']),
  servers: z.array(
    z.object({
      server: z.string(),
      status: z.enum(['ok', 'error']),
      steps: z.array(
        z.object({
          step: z.enum(['connect', 'bind', 'base_dn', 'users', 'groups']),
          status: z.enum(['ok', 'error', 'skipped']),
          message: z.string(),
        }),
      ),
      users: z.number().nullable(),
      groups: z.number().nullable(),
    }),
  ),
  connectivity: z.record(z.string(), z.record(z.string(), z.string())),
});

/** authentik's `LDAPDebug`: sample entries as the sync reads them. */
export const debugResponse = z.object({
  user: z.array(z.record(z.string(), z.unknown())),
  group: z.array(z.record(z.string(), z.unknown())),
  membership: z.array(z.record(z.string(), z.unknown())),
});

/** Conduit: settings and managed mappings for a kind of directory server (the source form's presets). */
export const presetResponse = z.object({
  label: z.string(),
  settings: z.object({
    user_object_filter: z.string(),
    group_object_filter: z.string(),
    object_uniqueness_field: z.string(),
    group_membership_field: z.string(),
    user_membership_attribute: z.string(),
    lookup_groups_from_user: z.boolean(),
  }),
  user_property_mappings: z.array(z.string()),
  group_property_mappings: z.array(z.string()),
});
