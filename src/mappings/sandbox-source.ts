/**
 * How mapping sources are wrapped before QuickJS compiles them, and how positions in a stack
 * trace are turned back into lines of the administrator's own source. Only sandbox.ts uses it.
 *
 * Invariants:
 * - Each wrapping puts exactly `HEADER_LINES` lines before the administrator's source, so a line
 *   in a stack frame of `conduit-mapping-<index>` minus that count is the expression's own line.
 * - A set prelude is compiled as its own script (`conduit-set-prelude`), never on a mapping's
 *   lines: a helper that throws shows as a frame of the prelude, and the mapping's frame below it
 *   still gives the expression's line.
 */
import type { MappingPrelude } from './types.js';

/** Parameters every compiled mapping receives, in this order (a prelude's names follow). */
const PARAMETERS = ['user', 'group', 'provider', 'connection'] as const;

/** File name QuickJS reports for mapping `index`. */
export function fileName(index: number): string {
  return `conduit-mapping-${index}`;
}

/** File name QuickJS reports for the set prelude. */
export const PRELUDE_FILE_NAME = 'conduit-set-prelude';

/** One line of header precedes the administrator's source in both wrappings. */
const HEADER_LINES = 1;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The parameter list of a set's mappings: the context, then the prelude's names. */
export function mappingParameters(prelude: MappingPrelude | undefined): string {
  if (!prelude) return PARAMETERS.join(', ');
  const seen = new Set<string>(PARAMETERS);
  for (const name of prelude.names) {
    if (!IDENTIFIER.test(name) || seen.has(name))
      throw new TypeError(
        `The mapping set prelude's name "${name}" is not a JavaScript identifier, repeats one, or is one of ${PARAMETERS.join(', ')}`,
      );
    seen.add(name);
  }
  return [...PARAMETERS, ...prelude.names].join(', ');
}

/** The prelude as a function of the context returning its names' values, in order. */
export function wrapPrelude(prelude: MappingPrelude): string {
  return `(function (${PARAMETERS.join(', ')}) { 'use strict';\n${prelude.source}\nreturn [${prelude.names.join(', ')}];\n})`;
}

/** The source as one expression (tried first). */
export function wrapAsExpression(source: string, parameters: string): string {
  const trimmed = source.replace(/[\s;]+$/, '');
  return `(function (${parameters}) { 'use strict'; return (\n${trimmed}\n); })`;
}

/**
 * The source as a function body. With a prelude the body runs in an inner arrow function, so it
 * may declare a name of the prelude again (`const dn = attr("distinguishedName")`), which a
 * `let`/`const` beside a parameter of the same name would refuse.
 */
export function wrapAsBody(source: string, parameters: string, nested = false): string {
  return nested
    ? `(function (${parameters}) { 'use strict'; return (() => {\n${source}\n})(); })`
    : `(function (${parameters}) { 'use strict';\n${source}\n})`;
}

/** Where in a mapping's own source something happened. */
export interface SandboxPosition {
  line?: number;
  column?: number;
}

/** Line/column of the first stack frame inside mapping `index`, relative to its own source. */
export function positionFromStack(stack: string, index: number): SandboxPosition {
  const match = new RegExp(`${fileName(index)}:(\\d+)(?::(\\d+))?`).exec(stack);
  if (!match) return {};
  const line = Number(match[1]) - HEADER_LINES;
  if (line < 1) return {};
  const column = match[2] === undefined ? undefined : Number(match[2]);
  return column === undefined ? { line } : { line, column };
}
