/**
 * Attribute scoping rules (the Entra provisioning service's scoping filters): a user is in scope
 * when every clause of at least one rule set holds. Validated on save; evaluated by `scope.ts`.
 */
import { z } from 'zod';
import { SCOPING_OPERATORS } from './types.js';

const BASE_ATTRIBUTES = ['username', 'email', 'name', 'type', 'path', 'is_active'] as const;

const attribute = z
  .string()
  .refine(
    (a) => (BASE_ATTRIBUTES as readonly string[]).includes(a) || /^attributes\.[\w-]+(\.[\w-]+)*$/.test(a),
    `Use one of ${BASE_ATTRIBUTES.join(', ')} or attributes.<dotted.key>.`,
  );

const clause = z.object({
  attribute,
  operator: z.enum(SCOPING_OPERATORS),
  value: z.union([z.string().max(1024), z.array(z.string().max(1024)).max(1000)]).optional(),
});

/** `user_scoping_rules`: the rule sets, each a list of clauses. */
export const userScopingRulesSchema = z
  .array(z.object({ clauses: z.array(clause).min(1, 'A rule set needs at least one clause.').max(50) }))
  .max(50);
