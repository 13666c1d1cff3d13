import { describe, expect, it } from 'vitest';
import { changedProperties, chooseAdoption, planMembership, planObject, rememberedState } from './plan.js';
import type { Link } from './types.js';

const link = (
  remoteId: string | null,
  attributes: Record<string, unknown>,
  state: Link['state'] = 'synced',
): Link => ({
  id: 'l',
  providerId: 1,
  objectType: 'user',
  localId: 1,
  remoteId,
  attributes,
  state,
  lastError: null,
  lastRequestId: null,
  lastSyncedAt: null,
  claimedBy: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const createOnly = new Set(['passwordProfile']);

describe('planObject', () => {
  it('creates when there is no link, without an adoption lookup', () => {
    expect(planObject({ status: 'ok', body: { displayName: 'A' } }, null, createOnly)).toEqual({
      op: 'create',
      body: { displayName: 'A' },
      adoptFirst: false,
    });
  });

  it('looks for an existing object first when an interrupted create left a pending link', () => {
    expect(
      planObject({ status: 'ok', body: { displayName: 'A' } }, link(null, {}, 'pending'), createOnly),
    ).toMatchObject({ op: 'create', adoptFirst: true });
    expect(
      planObject({ status: 'ok', body: { displayName: 'A' } }, link(null, {}, 'error'), createOnly),
    ).toMatchObject({ op: 'create', adoptFirst: false });
  });

  it('patches only the changed properties, never id or create-only ones, and reports the before values', () => {
    const plan = planObject(
      {
        status: 'ok',
        body: { id: 'x', displayName: 'New', accountEnabled: true, passwordProfile: { password: 'p' } },
      },
      link('r1', { displayName: 'Old', accountEnabled: true }),
      createOnly,
    );
    expect(plan).toEqual({
      op: 'update',
      remoteId: 'r1',
      patch: { displayName: 'New' },
      before: { displayName: 'Old' },
    });
  });

  it('is unchanged when the desired body matches the last known state, comparing deeply', () => {
    const body = { displayName: 'A', identities: [{ issuer: 'x' }] };
    expect(planObject({ status: 'ok', body }, link('r1', structuredClone(body)), createOnly)).toEqual({
      op: 'unchanged',
      remoteId: 'r1',
    });
  });

  it('passes skips and errors through', () => {
    expect(planObject({ status: 'skip', mapping: 'm' }, null, createOnly)).toEqual({
      op: 'skip',
      mapping: 'm',
    });
    expect(planObject({ status: 'error', message: 'boom', mapping: 'm' }, null, createOnly)).toEqual({
      op: 'error',
      message: 'boom',
      mapping: 'm',
    });
  });
});

describe('changedProperties and rememberedState', () => {
  it('treats null and missing alike', () => {
    expect(changedProperties({ mail: null }, {}, createOnly)).toEqual({});
    expect(changedProperties({ mail: 'a@b' }, { mail: null }, createOnly)).toEqual({ mail: 'a@b' });
  });

  it('remembers what was sent, minus create-only properties', () => {
    expect(rememberedState({ a: 1 }, { b: 2, passwordProfile: { password: 'x' } }, createOnly)).toEqual({
      a: 1,
      b: 2,
    });
  });
});

describe('planMembership', () => {
  it('adds missing wanted members and removes only managed unwanted ones', () => {
    const plan = planMembership(
      new Set(['u1', 'u2']),
      new Set(['u2', 'u3', 'foreign']),
      new Set(['u1', 'u2', 'u3']),
    );
    expect(plan).toEqual({ add: ['u1'], remove: ['u3'] });
  });

  it('changes nothing when in step', () => {
    expect(planMembership(new Set(['a']), new Set(['a', 'x']), new Set(['a']))).toEqual({
      add: [],
      remove: [],
    });
  });
});

describe('chooseAdoption', () => {
  it('adopts exactly one free candidate, reports ambiguity, skips already linked ones', () => {
    expect(chooseAdoption([{ id: 'a' }], new Set())).toEqual({ adopt: { id: 'a' } });
    expect(chooseAdoption([{ id: 'a' }, { id: 'b' }], new Set(['a']))).toEqual({ adopt: { id: 'b' } });
    expect(chooseAdoption([{ id: 'a' }, { id: 'b' }], new Set())).toEqual({
      ambiguous: [{ id: 'a' }, { id: 'b' }],
    });
    expect(chooseAdoption([], new Set())).toEqual({ none: true });
  });
});
