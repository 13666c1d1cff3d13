/**
 * Source of the code that runs *inside* the QuickJS sandbox before any mapping: the helpers
 * mappings can call, the driver that evaluates a set and validates what it returns, and the
 * lockdown that freezes the realm. Only `sandbox.ts` loads it.
 *
 * Invariants (relied on by sandbox.ts):
 * - The bootstrap is evaluated once per QuickJS context, before any administrator code, and
 *   returns the driver object to the host without putting it on `globalThis`.
 * - After `lockdown()` every built-in reachable from `globalThis` (and the hidden iterator,
 *   generator and typed-array intrinsics) is frozen, and so is `globalThis`: a mapping cannot
 *   leave state behind for the next evaluation or tamper with the helpers or the driver.
 * - The driver copies each result into fresh plain data (rejecting functions, cycles, symbols,
 *   non-finite numbers, `__proto__` keys and oversized values) before serialising it, so the
 *   string handed to the host is plain JSON produced by trusted code.
 * - Context data is frozen before any mapping sees it. The only context data kept between
 *   evaluations (the provider, and group references the host sent with an id) is frozen and
 *   held in closures no mapping can reach.
 * - A set prelude (Conduit's helpers for one kind of set, e.g. an LDAP source's) runs once per
 *   object, inside this realm and after lockdown; the values it returns are frozen before any
 *   mapping receives them, so no mapping can change what the next one sees.
 * - The driver never exposes the host function it receives (`randomPasswords`) except through
 *   the `randomPassword` wrapper, which passes two numbers and keeps its pool of pre-generated
 *   passwords in a closure no mapping can reach.
 */
export const SANDBOX_PRELUDE = String.raw`(function bootstrap(hostRandomPasswords, maxResultChars) {
  'use strict';
  const G = globalThis;
  const freeze = Object.freeze;
  const keys = Object.keys;
  const values = Object.values;
  const getProto = Object.getPrototypeOf;
  const defineProperty = Object.defineProperty;
  const getOwnDesc = Object.getOwnPropertyDescriptor;
  const ownKeys = Reflect.ownKeys;
  const isArray = Array.isArray;
  const ObjectProto = Object.prototype;
  const jsonParse = JSON.parse;
  const jsonStringify = JSON.stringify;
  const isFiniteNumber = Number.isFinite;
  const dateToISO = Date.prototype.toISOString;
  const DateCtor = Date;
  const ErrorCtor = Error;
  const apply = Reflect.apply;
  const StringCtor = String;
  const MAX_DEPTH = 32;
  const MAX_LOG_LINES = 100;
  const MAX_LOG_CHARS = 2000;

  // ---- evaluation state (reset by run) ----
  const state = { current: -1 };
  let logs = [];
  let droppedLogs = 0;
  let mappings = null;
  // The set prelude (a function of the context returning its helpers' values), or null.
  let setPrelude = null;
  let resultNoun = 'Graph properties';

  function cap(text, max) {
    return text.length > max ? text.slice(0, max) + '…' : text;
  }
  function render(value) {
    if (typeof value === 'string') return value;
    try {
      const json = jsonStringify(value);
      if (json !== undefined) return json;
    } catch (e) { /* fall through */ }
    try { return StringCtor(value); } catch (e) { return '[unprintable value]'; }
  }
  function pushLog(level, args) {
    if (logs.length >= MAX_LOG_LINES) { droppedLogs++; return; }
    let message = '';
    for (let i = 0; i < args.length; i++) message += (i ? ' ' : '') + render(args[i]);
    logs.push([state.current, level, cap(message, MAX_LOG_CHARS)]);
  }

  // ---- helpers visible to mappings ----
  function log(...args) { pushLog('info', args); }
  const logger = {
    debug(...args) { pushLog('debug', args); },
    info(...args) { pushLog('info', args); },
    warning(...args) { pushLog('warning', args); },
    warn(...args) { pushLog('warning', args); },
    error(...args) { pushLog('error', args); },
  };
  class SkipObject extends ErrorCtor {
    constructor(message) {
      super(message === undefined ? 'SkipObject' : StringCtor(message));
    }
  }
  defineProperty(SkipObject.prototype, 'name', { value: 'SkipObject' });

  const SIMPLE_SLUG = /^[a-z0-9](?:[a-z0-9_]|-(?!-))*$/;
  function slugify(value) {
    let s = StringCtor(value === null || value === undefined ? '' : value);
    if (SIMPLE_SLUG.test(s)) return s;
    s = s.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').toLowerCase();
    s = s.replace(/[^\w\s-]/g, '').replace(/[-\s]+/g, '-');
    return s.replace(/^[-_]+|[-_]+$/g, '');
  }
  // Already-valid nicknames (the common case) skip the normalisation below; the fast path
  // accepts exactly the strings the slow path would return unchanged.
  const SIMPLE_NICKNAME = /^(?!.*(?:__|\.\.))[A-Za-z0-9-](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9-])?$/;
  function nickname(value) {
    let s = StringCtor(value === null || value === undefined ? '' : value);
    if (SIMPLE_NICKNAME.test(s)) return s;
    s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    s = s.replace(/[^\x21-\x7e]|[@()\\\[\]";:<>,]/g, '_');
    s = s.replace(/_{2,}/g, '_').replace(/\.{2,}/g, '.').replace(/^[._]+/, '');
    return s.slice(0, 64).replace(/[._]+$/, '');
  }
  function mailNicknameFrom(value, fallback) {
    const s = nickname(value);
    return s || (fallback === undefined ? '' : nickname(fallback));
  }
  function regexMatch(value, pattern, flags) {
    return new RegExp(pattern, flags === undefined ? '' : flags).test(StringCtor(value));
  }
  function regexReplace(value, pattern, replacement, flags) {
    let f = flags === undefined ? 'g' : StringCtor(flags);
    if (f.indexOf('g') < 0) f += 'g';
    return StringCtor(value).replace(new RegExp(pattern, f), replacement);
  }
  function listFlatten(value) {
    if (isArray(value)) return value.length < 1 ? null : value[0];
    return value;
  }
  function isGroupMember(user, group) {
    const name = group !== null && typeof group === 'object' ? group.name : group;
    if (user === null || typeof user !== 'object' || !isArray(user.all_group_names)) return false;
    return user.all_group_names.indexOf(name) >= 0;
  }
  // Default-length passwords come from the host in batches: one boundary crossing per
  // PASSWORD_BATCH creates instead of one per create. The pool lives only in this closure.
  const PASSWORD_BATCH = 32;
  let passwordPool = [];
  function randomPassword(length) {
    if (length === undefined || length === null) {
      if (passwordPool.length === 0) passwordPool = hostRandomPasswords(PASSWORD_BATCH, 0).split('\n');
      return passwordPool.pop();
    }
    return hostRandomPasswords(1, typeof length === 'number' ? length : 0);
  }

  const globals = {
    SkipObject, slugify, mailNicknameFrom, regexMatch, regexReplace, listFlatten,
    isGroupMember, randomPassword, log, logger,
  };
  for (const name of keys(globals)) {
    defineProperty(G, name, { value: globals[name], writable: false, enumerable: false, configurable: false });
  }

  // ---- lockdown ----
  // Turn inherited data properties that code commonly assigns on instances into accessors, so
  // freezing the prototypes does not break "err.name = ..." or "obj.toString = ...".
  function tame(obj, prop) {
    const d = getOwnDesc(obj, prop);
    if (!d || !('value' in d) || !d.configurable) return;
    const value = d.value;
    defineProperty(obj, prop, {
      get() { return value; },
      set(v) {
        if (this === obj) throw new TypeError('Cannot change built-in property ' + StringCtor(prop));
        defineProperty(this, prop, { value: v, writable: true, enumerable: true, configurable: true });
      },
      enumerable: d.enumerable,
      configurable: false,
    });
  }
  function lockdown() {
    for (const p of ['toString', 'valueOf', 'constructor', 'hasOwnProperty', 'toLocaleString', 'isPrototypeOf', 'propertyIsEnumerable']) tame(ObjectProto, p);
    for (const E of [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError, G.AggregateError, G.InternalError]) {
      if (typeof E !== 'function') continue;
      for (const p of ['name', 'message', 'constructor', 'toString']) tame(E.prototype, p);
    }
    const roots = [
      G,
      getProto(function* () {}), getProto((function* () {})()),
      getProto(async function () {}), getProto(async function* () {}),
      getProto([][Symbol.iterator]()), getProto(''[Symbol.iterator]()),
      getProto(new Map()[Symbol.iterator]()), getProto(new Set()[Symbol.iterator]()),
      getProto(/a/[Symbol.matchAll]('a')), getProto(Uint8Array),
    ];
    const seen = new Set();
    const stack = roots.slice();
    while (stack.length) {
      const o = stack.pop();
      if (o === null || o === undefined || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) continue;
      seen.add(o);
      for (const k of ownKeys(o)) {
        const d = getOwnDesc(o, k);
        if (!d) continue;
        if ('value' in d) stack.push(d.value); else { stack.push(d.get); stack.push(d.set); }
      }
      stack.push(getProto(o));
      freeze(o);
    }
  }

  // ---- result validation ----
  // toPlain copies a result into fresh plain data. The path of the value being visited is kept
  // as a stack of keys and only turned into text when something is wrong.
  function Invalid(message) { this.message = message; }
  let budget = 0;
  const pathKeys = [];
  function where() {
    if (pathKeys.length === 0) return 'the result';
    let text = '';
    for (let i = 0; i < pathKeys.length; i++) {
      const k = pathKeys[i];
      text += typeof k === 'number' ? '[' + k + ']' : (i ? '.' : '') + k;
    }
    return 'property ' + text;
  }
  function tooLarge() { return new Invalid('the result is larger than ' + maxResultChars + ' characters'); }
  function toPlain(value, ancestors) {
    switch (typeof value) {
      case 'string':
        if ((budget -= value.length + 2) < 0) throw tooLarge();
        return value;
      case 'boolean':
        if ((budget -= 5) < 0) throw tooLarge();
        return value;
      case 'number':
        if (!isFiniteNumber(value)) throw new Invalid(where() + ' is ' + StringCtor(value) + ', which JSON cannot carry');
        if ((budget -= 8) < 0) throw tooLarge();
        return value;
      case 'undefined': return undefined;
      case 'function': throw new Invalid(where() + ' is a function; mappings must return data (did you forget to call it?)');
      case 'symbol': throw new Invalid(where() + ' is a symbol; mappings must return data');
      case 'bigint': throw new Invalid(where() + ' is a BigInt; use a number or a string');
    }
    if (value === null) {
      if ((budget -= 4) < 0) throw tooLarge();
      return null;
    }
    if (ancestors.length >= MAX_DEPTH) throw new Invalid(where() + ' is nested more than ' + MAX_DEPTH + ' levels deep');
    if (ancestors.indexOf(value) >= 0) throw new Invalid(where() + ' refers back to itself (cyclic object)');
    if (value instanceof DateCtor) {
      if ((budget -= 26) < 0) throw tooLarge();
      return dateToISO.call(value);
    }
    if ((budget -= 2) < 0) throw tooLarge();
    ancestors.push(value);
    let out;
    if (isArray(value)) {
      out = [];
      const n = value.length;
      for (let i = 0; i < n; i++) {
        const v = value[i];
        let item;
        if (typeof v === 'string') {
          // Strings and booleans, the bulk of a Graph body, are checked here without a call.
          if ((budget -= v.length + 2) < 0) throw tooLarge();
          item = v;
        } else if (typeof v === 'boolean') {
          if ((budget -= 5) < 0) throw tooLarge();
          item = v;
        } else {
          pathKeys.push(i);
          item = toPlain(v, ancestors);
          if (item === undefined) throw new Invalid(where() + ' is undefined; use null');
          pathKeys.pop();
        }
        out.push(item);
      }
    } else {
      const proto = getProto(value);
      if (proto !== ObjectProto && proto !== null) {
        const ctor = proto && typeof proto.constructor === 'function' ? proto.constructor.name : 'exotic object';
        throw new Invalid(where() + ' is a ' + (ctor || 'class instance') + ', not a plain object' + (ctor === 'Promise' ? '; mappings are synchronous' : ''));
      }
      out = {};
      const ks = keys(value);
      for (let i = 0; i < ks.length; i++) {
        const k = ks[i];
        if (k === '__proto__') {
          pathKeys.push(k);
          throw new Invalid('property name "__proto__" is not allowed (' + where() + ')');
        }
        const v = value[k];
        let item;
        // The same call-free fast path as for array items above, kept inline on purpose: it is the
        // per-value hot path of every evaluation (docs/benchmarks.md, "Property mappings").
        if (typeof v === 'string') {
          if ((budget -= v.length + 2) < 0) throw tooLarge();
          item = v;
        } else if (typeof v === 'boolean') {
          if ((budget -= 5) < 0) throw tooLarge();
          item = v;
        } else {
          pathKeys.push(k);
          item = toPlain(v, ancestors);
          pathKeys.pop();
          if (item === undefined) continue;
        }
        if ((budget -= k.length + 4) < 0) throw tooLarge();
        out[k] = item; // safe: "__proto__" is rejected above, and out is a fresh plain object
      }
    }
    ancestors.pop();
    return out;
  }

  function describe(e) {
    let name = 'Error';
    let message = '';
    let stack = '';
    try {
      if (e instanceof ErrorCtor) {
        name = StringCtor(e.name);
        message = StringCtor(e.message);
        stack = typeof e.stack === 'string' ? e.stack : '';
      } else {
        name = 'Thrown value';
        message = render(e);
      }
    } catch (inner) {
      message = '[the thrown value could not be read]';
    }
    return { name: cap(name, 200), message: cap(message, MAX_LOG_CHARS), stack: cap(stack, 4000) };
  }

  // Called on freshly parsed JSON only: plain arrays and objects with data properties. Indexed
  // loops over the values, because for-in is several times slower in QuickJS.
  function deepFreeze(value) {
    freeze(value);
    const items = isArray(value) ? value : values(value);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item !== null && typeof item === 'object') deepFreeze(item);
    }
    return value;
  }

  function frozen(value) {
    return value !== null && typeof value === 'object' ? deepFreeze(value) : value;
  }
  // Group references the host sent with an id (encode-context.ts): one frozen copy per realm,
  // shared by every user that carries the id. Only this closure holds the table.
  const sharedGroupRefs = [];
  function groupRef(g) {
    if (typeof g === 'number') {
      const known = sharedGroupRefs[g];
      if (known === undefined) throw new ErrorCtor('the host sent an unknown group reference id ' + g);
      return known;
    }
    if (g.length === 4) return freeze({ pk: g[0], num_pk: g[1], name: g[2], attributes: frozen(g[3]) });
    const ref = freeze({ pk: g[1], num_pk: g[2], name: g[3], attributes: frozen(g[4]) });
    sharedGroupRefs[g[0]] = ref;
    return ref;
  }
  // Inverse of the host's positional encoding of a contract-shaped user (encode-context.ts):
  // [connection, pk, uid, ..., groups, all_group_names], same order as MappingUser.
  function unpackUser(c) {
    const packedGroups = c[11];
    const groups = [];
    for (let i = 0; i < packedGroups.length; i++) groups.push(groupRef(packedGroups[i]));
    return freeze({
      pk: c[1],
      uid: c[2],
      username: c[3],
      name: c[4],
      email: c[5],
      is_active: c[6],
      type: c[7],
      path: c[8],
      attributes: frozen(c[9]),
      last_login: c[10],
      groups: freeze(groups),
      all_group_names: frozen(c[12]),
    });
  }

  function finish(result) {
    result.logs = logs;
    if (droppedLogs) result.droppedLogs = droppedLogs;
    logs = [];
    state.current = -1;
    return jsonStringify(result);
  }

  // The provider is the same for a whole sync run: the host sends it only when it changes.
  let cachedProvider = null;
  function run(contextJson, providerJson) {
    logs = [];
    droppedLogs = 0;
    state.current = -1;
    if (typeof providerJson === 'string') {
      const p = jsonParse(providerJson);
      cachedProvider = p !== null && typeof p === 'object' ? deepFreeze(p) : p;
    }
    const c = jsonParse(contextJson);
    let user = null;
    let group = null;
    let connection;
    if (isArray(c)) {
      connection = c[0];
      user = unpackUser(c);
    } else {
      if (c.user !== undefined && c.user !== null) user = frozen(c.user);
      if (c.group !== undefined && c.group !== null) group = frozen(c.group);
      connection = c.connection;
    }
    connection = connection === undefined || connection === null ? null : frozen(connection);
    const provider = cachedProvider;
    const results = [];
    budget = maxResultChars;
    // With a set prelude, the mappings (wrapped by install) receive its helpers' values too.
    if (setPrelude !== null) {
      try {
        preludeArgs = withPrelude(user, group, provider, connection);
      } catch (e) {
        if (e === SkipObject || e instanceof SkipObject) {
          return finish({ t: 'skip', index: -1, message: e === SkipObject ? '' : describe(e).message });
        }
        return finish({ t: 'throw', index: -1, error: describe(e) });
      }
    }
    for (let i = 0; i < mappings.length; i++) {
      state.current = i;
      const mapping = mappings[i];
      let r;
      try {
        r = mapping(user, group, provider, connection);
      } catch (e) {
        if (e === SkipObject || e instanceof SkipObject) {
          return finish({ t: 'skip', index: i, message: e === SkipObject ? '' : describe(e).message });
        }
        return finish({ t: 'throw', index: i, error: describe(e) });
      }
      if (r === null || r === undefined) { results.push(null); continue; }
      if (typeof r !== 'object' || isArray(r) || r instanceof DateCtor) {
        const kind = isArray(r) ? 'an array' : typeof r === 'object' ? 'a Date' : 'a ' + typeof r;
        return finish({ t: 'invalid', index: i, message: 'the mapping must return an object of ' + resultNoun + ', or null; it returned ' + kind });
      }
      try {
        pathKeys.length = 0;
        results.push(toPlain(r, []));
      } catch (e) {
        if (e instanceof Invalid) return finish({ t: 'invalid', index: i, message: e.message });
        return finish({ t: 'throw', index: i, error: describe(e) });
      }
    }
    // The common outcome travels as the bare results array (the host tells it by its "["): it
    // saves QuickJS serialising the envelope on every object.
    if (logs.length === 0 && droppedLogs === 0) {
      state.current = -1;
      return jsonStringify(results);
    }
    return finish({ t: 'ok', results });
  }

  function takeLogs() {
    const out = jsonStringify({ logs, droppedLogs });
    logs = [];
    droppedLogs = 0;
    return out;
  }

  // The context followed by the set prelude's values for the object being evaluated (fresh per
  // object), frozen so that one mapping cannot change a helper the next mapping calls.
  let preludeArgs = null;
  function withPrelude(user, group, provider, connection) {
    const scope = setPrelude(user, group, provider, connection);
    for (let j = 0; j < scope.length; j++) {
      const v = scope[j];
      if (v !== null && (typeof v === 'object' || typeof v === 'function')) freeze(v);
    }
    return [user, group, provider, connection].concat(scope);
  }

  // A set without prelude calls its mappings directly: the per-object path is unchanged by preludes.
  function install(prelude, noun, ...fns) {
    if (mappings !== null) throw new TypeError('already installed');
    setPrelude = typeof prelude === 'function' ? prelude : null;
    resultNoun = StringCtor(noun);
    mappings = freeze(
      setPrelude === null ? fns : fns.map((fn) => function () { return apply(fn, undefined, preludeArgs); }),
    );
  }

  lockdown();
  return freeze({ run, install, takeLogs, state });
})`;
