import { describe, expect, it } from 'vitest';
import {
  isStrongEnoughPassword,
  validateGroupCreateBody,
  validateUserCreateBody,
  validateUserPrincipalName,
} from './graph-validation.js';

const good = {
  accountEnabled: true,
  displayName: 'Ada',
  mailNickname: 'ada',
  userPrincipalName: "o'brien@contoso.com",
  passwordProfile: { password: 'Conduit-1x' },
};

describe('validateUserCreateBody', () => {
  it('accepts a valid body', () => {
    expect(validateUserCreateBody(good, ['contoso.com'])).toEqual([]);
  });
  it('lets a user nickname have a dot (ada.lovelace), but not a group nickname', () => {
    expect(validateUserCreateBody({ ...good, mailNickname: 'ada.lovelace' })).toEqual([]);
    const group = { displayName: 'G', mailNickname: 'g.1', mailEnabled: false, securityEnabled: true };
    expect(validateGroupCreateBody(group).map((p) => p.property)).toEqual(['mailNickname']);
  });
  it('names each problem by property', () => {
    const problems = validateUserCreateBody(
      {
        displayName: '',
        mailNickname: 'a b',
        userPrincipalName: 'josé@other.com',
        passwordProfile: { password: 'short' },
      },
      ['contoso.com'],
    );
    expect(problems.map((p) => p.property).sort()).toEqual(
      [
        'accountEnabled',
        'displayName',
        'mailNickname',
        'passwordProfile',
        'userPrincipalName',
        'userPrincipalName',
      ].sort(),
    );
  });
});

describe('validateUserPrincipalName', () => {
  it('checks form, length and verified domain (case-insensitively)', () => {
    expect(validateUserPrincipalName('a@CONTOSO.com', ['contoso.com'])).toEqual([]);
    expect(validateUserPrincipalName('no-at-sign')).toHaveLength(1);
    expect(validateUserPrincipalName(`${'a'.repeat(65)}@contoso.com`)).toHaveLength(1);
    expect(validateUserPrincipalName(undefined)[0]?.message).toContain('required');
  });
});

describe('isStrongEnoughPassword', () => {
  it('needs 8 ASCII characters from 3 of 4 classes', () => {
    expect(isStrongEnoughPassword('abcdEF12')).toBe(true);
    expect(isStrongEnoughPassword('abcdefgh')).toBe(false);
    expect(isStrongEnoughPassword('Abc1!')).toBe(false);
    expect(isStrongEnoughPassword('Äbcdef12!')).toBe(false);
  });
});

describe('validateGroupCreateBody', () => {
  it('accepts a security group and rejects a mail-enabled non-Unified group or too many links', () => {
    const security = { displayName: 'G', mailNickname: 'g', mailEnabled: false, securityEnabled: true };
    expect(validateGroupCreateBody(security)).toEqual([]);
    expect(validateGroupCreateBody({ ...security, mailEnabled: true })).toHaveLength(1);
    expect(
      validateGroupCreateBody({ ...security, 'members@odata.bind': new Array(21).fill('x') }),
    ).toHaveLength(1);
  });
});
