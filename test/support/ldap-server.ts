/**
 * A throwaway OpenLDAP server for tests and benchmarks: Debian's slapd with a generated
 * configuration in a temp folder (mdb database, core/cosine/inetorgperson/nis schemas, the
 * memberof overlay), listening on free loopback ports for ldap:// (StartTLS too) and ldaps://
 * with a test CA and a server certificate for 127.0.0.1 and localhost. Entries are loaded and
 * changed with `ldapadd`/`ldapmodify`, as an administrator would.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import forge from 'node-forge';
import {
  ensureManagedLdapMappings,
  LDAP_PRESETS,
  managedLdapMappingUuids,
} from '../../src/sources/ldap/managed-mappings.js';
import { createLdapSource, type LdapSource } from '../../src/sources/ldap/source-records.js';
import type { LdapSourceSettings } from '../../src/sources/ldap/source-settings.js';
import type { Database } from '../../src/store/schema.js';
import type { SecretBox } from '../../src/store/secret-box.js';
import { freePort } from './postgres-cluster.js';

const run = promisify(execFile);
const SLAPD = process.env.CONDUIT_SLAPD ?? '/usr/sbin/slapd';

export const LDAP_BASE_DN = 'dc=example,dc=com';
export const LDAP_ADMIN_DN = `cn=admin,${LDAP_BASE_DN}`;
export const LDAP_ADMIN_PASSWORD = 'admin-secret-0123';

export interface TestLdapServer {
  /** `ldap://127.0.0.1:<port>` (plain, or StartTLS). */
  ldapUrl: string;
  /** `ldaps://127.0.0.1:<port>`. */
  ldapsUrl: string;
  /** PEM of the test CA that signed the server's certificate. */
  caPem: string;
  baseDn: string;
  adminDn: string;
  adminPassword: string;
  /** Apply LDIF with ldapadd (`-c`: continue past existing entries only when `continueOnError`). */
  add(ldif: string): Promise<void>;
  /** Apply LDIF change records (modify, modrdn, delete) with ldapmodify. */
  modify(ldif: string): Promise<void>;
  stop(): Promise<void>;
}

interface Pki {
  caPem: string;
  certPem: string;
  keyPem: string;
}

function makePki(): Pki {
  const caKeys = forge.pki.rsa.generateKeyPair(2048);
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = '01';
  ca.validity.notBefore = new Date(Date.now() - 60_000);
  ca.validity.notAfter = new Date(Date.now() + 7 * 86_400_000);
  const caName = [{ name: 'commonName', value: 'Conduit test LDAP CA' }];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '02';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 7 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(caName);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
      ],
    },
  ]);
  cert.sign(caKeys.privateKey, forge.md.sha256.create());
  return {
    caPem: forge.pki.certificateToPem(ca),
    certPem: forge.pki.certificateToPem(cert),
    keyPem: forge.pki.privateKeyToPem(keys.privateKey),
  };
}

function slapdConf(dir: string): string {
  return `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
pidfile ${dir}/slapd.pid
argsfile ${dir}/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload memberof
TLSCACertificateFile ${dir}/ca.pem
TLSCertificateFile ${dir}/server.pem
TLSCertificateKeyFile ${dir}/server.key
sizelimit unlimited

database mdb
maxsize 1073741824
suffix "${LDAP_BASE_DN}"
rootdn "${LDAP_ADMIN_DN}"
rootpw ${LDAP_ADMIN_PASSWORD}
directory ${dir}/db
dbnosync
index objectClass eq
index uid,cn eq
index entryUUID eq
limits dn.exact="${LDAP_ADMIN_DN}" size=unlimited size.pr=unlimited size.prtotal=unlimited
access to attrs=userPassword by self write by anonymous auth by * none
access to * by users read by anonymous auth

overlay memberof
memberof-group-oc groupOfNames
memberof-member-ad member
memberof-memberof-ad memberOf
memberof-refint true
`;
}

async function waitForPort(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`slapd exited (${child.exitCode}): ${log()}`);
    try {
      await run('ldapsearch', ['-x', '-H', url, '-b', '', '-s', 'base', '(objectClass=*)', 'namingContexts']);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`slapd did not answer on ${url} within 15 s: ${log()}`);
}

/** Start slapd with the base entries (the suffix, ou=people, ou=groups) loaded. */
export async function startLdapServer(): Promise<TestLdapServer> {
  if (!existsSync(SLAPD))
    throw new Error(`${SLAPD} not found: install slapd and ldap-utils (scripts/install-test-deps.sh)`);
  const dir = mkdtempSync(join(tmpdir(), 'conduit-slapd-'));
  mkdirSync(join(dir, 'db'));
  const pki = makePki();
  writeFileSync(join(dir, 'ca.pem'), pki.caPem);
  writeFileSync(join(dir, 'server.pem'), pki.certPem);
  writeFileSync(join(dir, 'server.key'), pki.keyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'slapd.conf'), slapdConf(dir));
  const [port, tlsPort] = [await freePort(), await freePort()];
  const ldapUrl = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = `ldaps://127.0.0.1:${tlsPort}`;
  let output = '';
  const child = spawn(SLAPD, ['-d', '0', '-f', join(dir, 'slapd.conf'), '-h', `${ldapUrl}/ ${ldapsUrl}/`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  });
  child.stderr?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(ldapUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  const ldapTool = async (tool: 'ldapadd' | 'ldapmodify', ldif: string) => {
    const file = join(dir, `change-${Date.now()}-${Math.random().toString(36).slice(2)}.ldif`);
    writeFileSync(file, ldif);
    try {
      await run(tool, ['-x', '-H', ldapUrl, '-D', LDAP_ADMIN_DN, '-w', LDAP_ADMIN_PASSWORD, '-f', file], {
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`${tool} failed: ${e.stderr ?? e.message}`);
    } finally {
      rmSync(file, { force: true });
    }
  };
  const server: TestLdapServer = {
    ldapUrl,
    ldapsUrl,
    caPem: pki.caPem,
    baseDn: LDAP_BASE_DN,
    adminDn: LDAP_ADMIN_DN,
    adminPassword: LDAP_ADMIN_PASSWORD,
    add: (ldif) => ldapTool('ldapadd', ldif),
    modify: (ldif) => ldapTool('ldapmodify', ldif),
    stop,
  };
  await server.add(`dn: ${LDAP_BASE_DN}
objectClass: dcObject
objectClass: organization
dc: example
o: Example

dn: ou=people,${LDAP_BASE_DN}
objectClass: organizationalUnit
ou: people

dn: ou=former,${LDAP_BASE_DN}
objectClass: organizationalUnit
ou: former

dn: ou=groups,${LDAP_BASE_DN}
objectClass: organizationalUnit
ou: groups
`);
  return server;
}

/** LDIF of an inetOrgPerson under ou=people. */
export function personLdif(
  uid: string,
  fields: { cn?: string; sn?: string; mail?: string; title?: string } = {},
): string {
  const cn = fields.cn ?? uid;
  return [
    `dn: uid=${uid},ou=people,${LDAP_BASE_DN}`,
    'objectClass: inetOrgPerson',
    `uid: ${uid}`,
    `cn: ${cn}`,
    `sn: ${fields.sn ?? cn.split(' ').pop()}`,
    `mail: ${fields.mail ?? `${uid}@example.com`}`,
    ...(fields.title ? [`title: ${fields.title}`] : []),
    '',
    '',
  ].join('\n');
}

/** LDIF of a groupOfNames under ou=groups with these member DNs (groupOfNames needs one). */
export function groupLdif(cn: string, members: string[]): string {
  const list = members.length > 0 ? members : [`cn=nobody,${LDAP_BASE_DN}`];
  return [
    `dn: cn=${cn},ou=groups,${LDAP_BASE_DN}`,
    'objectClass: groupOfNames',
    `cn: ${cn}`,
    ...list.map((m) => `member: ${m}`),
    '',
    '',
  ].join('\n');
}

/** The DN of a person made by `personLdif`. */
export const personDn = (uid: string) => `uid=${uid},ou=people,${LDAP_BASE_DN}`;
/** The DN of a group made by `groupLdif`. */
export const groupDn = (cn: string) => `cn=${cn},ou=groups,${LDAP_BASE_DN}`;

/**
 * A source reading `server` with the OpenLDAP preset's settings and managed mappings, bound as
 * the server's administrator; `settings` overrides any field.
 */
export async function createOpenLdapSource(
  db: Kysely<Database>,
  secrets: SecretBox,
  server: TestLdapServer,
  input: { name: string; slug: string; settings?: Partial<LdapSourceSettings> },
): Promise<LdapSource> {
  await ensureManagedLdapMappings(db);
  const preset = LDAP_PRESETS.openldap;
  return createLdapSource(
    db,
    secrets,
    {
      name: input.name,
      slug: input.slug,
      settings: {
        ...preset.settings,
        server_uri: server.ldapUrl,
        base_dn: server.baseDn,
        bind_cn: server.adminDn,
        ...input.settings,
      },
      bind_password: server.adminPassword,
      user_property_mappings: await managedLdapMappingUuids(db, preset.userMappingKeys),
      group_property_mappings: await managedLdapMappingUuids(db, preset.groupMappingKeys),
    },
    null,
  );
}
