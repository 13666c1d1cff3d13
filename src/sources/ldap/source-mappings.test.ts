/**
 * Source mappings in the sandbox: the context (`ldap`, `dn`, `source`), the helpers (objectGUID,
 * objectSid, userAccountControl, memberOf), expressions and function bodies, SkipObject, errors
 * with their line, and the decoders of entries.ts giving the same answers as the sandbox helpers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { stopMappingWorkers } from '../../mappings/index.js';
import { guidFromHex, sidFromHex, userAccountControlFlags } from './entries.js';
import { MANAGED_LDAP_MAPPINGS } from './managed-mappings.js';
import { compileSourceMappings } from './source-mappings.js';

afterAll(async () => stopMappingWorkers());

const info = { pk: 1, name: 'AD', slug: 'ad', base_dn: 'dc=corp,dc=example' };
// objectGUID of the Microsoft documentation's example and a domain user SID, as the sync sends them (hex).
const GUID_HEX = '4bd2b7f0e87e4eb8b7a8f0c5a2a3c5d1';
const SID_HEX = '010500000000000515000000a065cf7e784b9b5fe77c8770091c0100';

const entry = (attributes: Record<string, string[]>) => ({
  dn: 'CN=Ada,OU=People,DC=corp,DC=example',
  attributes,
});

async function mapOne(
  expression: string,
  attributes: Record<string, string[]>,
  kind: 'user' | 'group' = 'user',
) {
  const set = await compileSourceMappings([{ id: 'm', name: 'under test', expression }], kind, info);
  try {
    const [outcome] = await set.map([entry(attributes)]);
    return outcome;
  } finally {
    set.dispose();
  }
}

describe('decoders', () => {
  it('decode objectGUID, objectSid and userAccountControl', () => {
    expect(guidFromHex(GUID_HEX)).toBe('f0b7d24b-7ee8-b84e-b7a8-f0c5a2a3c5d1');
    expect(sidFromHex(SID_HEX)).toBe('S-1-5-21-2127521184-1604012920-1887927527-72713');
    expect(userAccountControlFlags('514')).toEqual(['ACCOUNTDISABLE', 'NORMAL_ACCOUNT']);
    expect(userAccountControlFlags('66048')).toEqual(['NORMAL_ACCOUNT', 'DONT_EXPIRE_PASSWORD']);
  });
});

describe('source mappings in the sandbox', () => {
  it('see the entry as ldap/dn/source and return directory fields', async () => {
    const outcome = await mapOne(
      '({ username: attr("sAMAccountName"), name: first(ldap.cn), attributes: { dn, source: source.slug } })',
      {
        sAMAccountName: ['ada'],
        cn: ['Ada Lovelace'],
      },
    );
    expect(outcome).toMatchObject({
      status: 'ok',
      fields: {
        username: 'ada',
        name: 'Ada Lovelace',
        attributes: { dn: 'CN=Ada,OU=People,DC=corp,DC=example', source: 'ad' },
      },
    });
  });

  it('decode GUIDs, SIDs, account flags and memberOf like the host does', async () => {
    const outcome = await mapOne(
      `return { attributes: { guid: guid(attr("objectGUID")), sid: sid(attr("objectSid")), flags: uac(attr("userAccountControl")), groups: memberOfNames(attrs("memberOf")) } };`,
      {
        objectGUID: [GUID_HEX],
        objectSid: [SID_HEX],
        userAccountControl: ['514'],
        memberOf: [
          'CN=Admins,OU=Groups,DC=corp,DC=example',
          'CN=Staff\\, London,OU=Groups,DC=corp,DC=example',
        ],
      },
    );
    expect(outcome).toMatchObject({
      status: 'ok',
      fields: {
        attributes: {
          guid: guidFromHex(GUID_HEX),
          sid: sidFromHex(SID_HEX),
          flags: userAccountControlFlags('514'),
          groups: ['Admins', 'Staff\\, London'],
        },
      },
    });
  });

  it('honour SkipObject and report a thrown error with the mapping and its line', async () => {
    expect(
      await mapOne('if (!attr("mail")) throw SkipObject;\nreturn { email: attr("mail") };', {}),
    ).toMatchObject({ status: 'skip' });
    const failed = await mapOne('const x = 1;\nthrow new Error("no manager for " + dn);', {});
    expect(failed).toMatchObject({ status: 'error', mapping: 'under test', line: 2 });
    expect(failed?.status === 'error' && failed.message).toMatch(/no manager for CN=Ada/);
  });

  it('refuse fields a directory user does not have, naming them', async () => {
    const outcome = await mapOne('({ displayName: attr("cn") })', { cn: ['Ada'] });
    expect(outcome).toMatchObject({ status: 'error' });
    expect(outcome?.status === 'error' && outcome.message).toMatch(/"displayName".*username, name, email/);
  });

  it('name the real mapping and line, never a wrapping key, and check field types', async () => {
    const unknown = await mapOne('({ displayName: attr("cn") })', { cn: ['Ada'] });
    expect(unknown).toMatchObject({ status: 'error', mapping: 'under test' });
    expect(unknown?.status === 'error' && unknown.message).not.toMatch(/extension_|conduitSource|result"/);
    const typed = await mapOne('const dn = "shadowed";\nreturn { name: ldap.cn, attributes: { dn } };', {
      cn: ['Ada', 'Augusta'],
    });
    expect(typed).toMatchObject({ status: 'error', mapping: 'under test' });
    expect(typed?.status === 'error' && typed.message).toMatch(/property name is an array/);
    const helper = await mapOne('const v = attr("cn");\nreturn { name: guid(v).toUpperCase().x.y };', {
      cn: ['Ada'],
    });
    expect(helper).toMatchObject({ status: 'error', mapping: 'under test', line: 2 });
    expect(await mapOne('const dn = "shadowed";\nreturn { attributes: { dn } };', {})).toMatchObject({
      status: 'ok',
      fields: { attributes: { dn: 'shadowed' } },
    });
  });

  it('the managed Active Directory defaults map a disabled account', async () => {
    const set = await compileSourceMappings(
      MANAGED_LDAP_MAPPINGS.filter((m) => m.kind === 'user' && m.flavour !== 'openldap').map((m) => ({
        id: m.managed,
        name: m.name,
        expression: m.expression,
      })),
      'user',
      info,
    );
    const [outcome] = await set.map([
      entry({
        sAMAccountName: ['ada'],
        displayName: ['Ada Lovelace'],
        userPrincipalName: ['ada@corp.example'],
        userAccountControl: ['514'],
        objectGUID: [GUID_HEX],
      }),
    ]);
    set.dispose();
    expect(outcome).toMatchObject({
      status: 'ok',
      fields: {
        username: 'ada',
        name: 'Ada Lovelace',
        email: 'ada@corp.example',
        is_active: false,
        attributes: { upn: 'ada@corp.example', objectGUID: guidFromHex(GUID_HEX) },
      },
    });
  });
});
