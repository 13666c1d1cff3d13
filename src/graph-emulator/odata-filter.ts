/**
 * A small OData `$filter` parser and evaluator covering what directory queries use: comparison
 * operators, `in`, `startsWith`/`endsWith`, `and`/`or`/`not`, parentheses, `''` escaping and
 * `any` lambdas on collections (`groupTypes/any(c:c eq 'Unified')`). Whether a clause is allowed
 * (default vs advanced query) is decided by the caller walking the AST (see query.ts).
 */
import { BadRequestError } from './errors.js';

/** A literal value in a filter. */
export type FilterLiteral = string | number | boolean | null;

/** Filter AST. */
export type FilterNode =
  | { type: 'compare'; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; property: string; value: FilterLiteral }
  | { type: 'in'; property: string; values: FilterLiteral[] }
  | { type: 'function'; name: 'startswith' | 'endswith'; property: string; value: string }
  | { type: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { type: 'not'; operand: FilterNode }
  | { type: 'any'; property: string; variable: string; predicate: FilterNode };

type Token =
  | { kind: 'ident'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'punct'; text: '(' | ')' | ',' | ':' };

function invalid(): BadRequestError {
  return new BadRequestError('Invalid filter clause');
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(' || c === ')' || c === ',' || c === ':') {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= input.length) throw invalid();
        const d = input[i] as string;
        if (d === "'") {
          if (input[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += d;
        i++;
      }
      tokens.push({ kind: 'string', value });
    } else if (/^\d{4}-\d\d-\d\dT/.test(input.slice(i, i + 11))) {
      // DateTimeOffset literals are unquoted: 2020-01-01T00:00:00Z
      const m = /^\d{4}-\d\d-\d\dT[0-9:.]+(Z|[+-]\d\d:\d\d)?/.exec(input.slice(i));
      if (!m) throw invalid();
      tokens.push({ kind: 'string', value: m[0] });
      i += m[0].length;
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(input.slice(i));
      if (!m) throw invalid();
      tokens.push({ kind: 'number', value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_@$]/.test(c)) {
      const m = /^[A-Za-z_@$][A-Za-z0-9_@$./]*/.exec(input.slice(i));
      if (!m) throw invalid();
      tokens.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    } else {
      throw invalid();
    }
  }
  return tokens;
}

/** Parses a `$filter` expression; throws 400 BadRequest `Invalid filter clause` on syntax errors. */
export function parseFilter(input: string): FilterNode {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isKeyword = (t: Token | undefined, kw: string): boolean =>
    t?.kind === 'ident' && t.text.toLowerCase() === kw;
  const expectPunct = (text: string): void => {
    const t = tokens[pos++];
    if (t?.kind !== 'punct' || t.text !== text) throw invalid();
  };
  const literal = (): FilterLiteral => {
    const t = tokens[pos++];
    if (!t) throw invalid();
    if (t.kind === 'string') return t.value;
    if (t.kind === 'number') return t.value;
    if (t.kind === 'ident') {
      const lower = t.text.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (lower === 'null') return null;
      // Unquoted GUIDs are tolerated for `id eq 0000…` style clauses.
      if (/^[0-9a-f-]{36}$/i.test(t.text)) return t.text;
    }
    throw invalid();
  };
  const identifier = (): string => {
    const t = tokens[pos++];
    if (t?.kind !== 'ident') throw invalid();
    return t.text;
  };

  // `a or b or c` and `a and b`: left-associative chains of one keyword over the next-tighter level.
  const chain =
    (keyword: 'or' | 'and', next: (lambdaVar?: string) => FilterNode) =>
    (lambdaVar?: string): FilterNode => {
      let left = next(lambdaVar);
      while (isKeyword(peek(), keyword)) {
        pos++;
        left = { type: keyword, left, right: next(lambdaVar) };
      }
      return left;
    };
  const parseAnd = (lambdaVar?: string): FilterNode => chain('and', parseUnary)(lambdaVar);
  const parseOr = chain('or', parseAnd);
  const parseUnary = (lambdaVar?: string): FilterNode => {
    if (isKeyword(peek(), 'not')) {
      pos++;
      return { type: 'not', operand: parseUnary(lambdaVar) };
    }
    return parsePrimary(lambdaVar);
  };
  const parsePrimary = (lambdaVar?: string): FilterNode => {
    const t = peek();
    if (t?.kind === 'punct' && t.text === '(') {
      pos++;
      const inner = parseOr(lambdaVar);
      expectPunct(')');
      return inner;
    }
    const name = identifier();
    const lower = name.toLowerCase();
    const next = peek();
    if ((lower === 'startswith' || lower === 'endswith') && next?.kind === 'punct' && next.text === '(') {
      pos++;
      const property = identifier();
      expectPunct(',');
      const value = literal();
      expectPunct(')');
      if (typeof value !== 'string') throw invalid();
      return { type: 'function', name: lower, property, value };
    }
    const anyMatch = /^(.+)\/(any)$/i.exec(name);
    if (anyMatch && next?.kind === 'punct' && next.text === '(') {
      pos++;
      const variable = identifier();
      expectPunct(':');
      const predicate = parseOr(variable);
      expectPunct(')');
      return { type: 'any', property: anyMatch[1] as string, variable, predicate };
    }
    const opToken = tokens[pos++];
    if (opToken?.kind !== 'ident') throw invalid();
    const op = opToken.text.toLowerCase();
    if (op === 'in') {
      expectPunct('(');
      const values: FilterLiteral[] = [literal()];
      while (peek()?.kind === 'punct' && (peek() as { text: string }).text === ',') {
        pos++;
        values.push(literal());
      }
      expectPunct(')');
      return { type: 'in', property: name, values };
    }
    if (op === 'eq' || op === 'ne' || op === 'gt' || op === 'ge' || op === 'lt' || op === 'le') {
      return { type: 'compare', op, property: name, value: literal() };
    }
    throw invalid();
  };

  const ast = parseOr();
  if (pos !== tokens.length) throw invalid();
  return ast;
}

function normalise(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function compare(actual: unknown, op: string, expected: FilterLiteral): boolean {
  if (op === 'eq')
    return expected === null
      ? actual === null || actual === undefined
      : normalise(actual) === normalise(expected);
  if (op === 'ne')
    return expected === null
      ? actual !== null && actual !== undefined
      : normalise(actual) !== normalise(expected);
  if (actual === null || actual === undefined || expected === null) return false;
  const a = normalise(actual) as string | number;
  const b = normalise(expected) as string | number;
  if (op === 'gt') return a > b;
  if (op === 'ge') return a >= b;
  if (op === 'lt') return a < b;
  return a <= b;
}

/** Evaluates a filter against a property getter. String comparisons are case-insensitive, as in the directory. */
export function evaluateFilter(node: FilterNode, get: (property: string) => unknown): boolean {
  switch (node.type) {
    case 'and':
      return evaluateFilter(node.left, get) && evaluateFilter(node.right, get);
    case 'or':
      return evaluateFilter(node.left, get) || evaluateFilter(node.right, get);
    case 'not':
      return !evaluateFilter(node.operand, get);
    case 'compare':
      return compare(get(node.property), node.op, node.value);
    case 'in': {
      const actual = normalise(get(node.property));
      return node.values.some((v) => normalise(v) === actual);
    }
    case 'function': {
      const actual = get(node.property);
      if (typeof actual !== 'string') return false;
      const a = actual.toLowerCase();
      const v = node.value.toLowerCase();
      return node.name === 'startswith' ? a.startsWith(v) : a.endsWith(v);
    }
    case 'any': {
      const collection = get(node.property);
      if (!Array.isArray(collection)) return false;
      return collection.some((item) =>
        evaluateFilter(node.predicate, (p) => (p === node.variable ? item : undefined)),
      );
    }
  }
}
