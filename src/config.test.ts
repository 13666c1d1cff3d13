import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { generateSelfSignedCertificate } from './graph-emulator/tls.js';
import { DEFAULT_HEAP_GROWTH_PERCENT } from './process-memory.js';
import { generateSecretKey } from './store/secret-box.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'conduit-config-'));
/** A data directory and no NODE_EXTRA_CA_CERTS (the test runner's own must not leak in). */
const base = () => ({ CONDUIT_DATA_DIR: tempDir() });

/** Loading `env` fails with a ConfigError whose message contains (or matches) `message`. */
function expectConfigError(env: Record<string, string>, message: string | RegExp): void {
  const load = () => loadConfig(env);
  expect(load).toThrow(ConfigError);
  expect(load).toThrow(message);
}

function pemFile(content: string): string {
  const file = join(tempDir(), 'ca.pem');
  writeFileSync(file, content);
  return file;
}

describe('loadConfig: CONDUIT_HEAP_GROWTH_PERCENT', () => {
  it('defaults to Conduit’s heap growth limit and accepts 0 (V8 decides)', () => {
    expect(loadConfig(base()).heapGrowthPercent).toBe(DEFAULT_HEAP_GROWTH_PERCENT);
    expect(loadConfig({ ...base(), CONDUIT_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ ...base(), CONDUIT_HEAP_GROWTH_PERCENT: '120' }).heapGrowthPercent).toBe(120);
  });

  it.each(['lots', '12.5', '-1', '301'])('rejects %s with a message naming the variable', (value) => {
    expectConfigError(
      { ...base(), CONDUIT_HEAP_GROWTH_PERCENT: value },
      'CONDUIT_HEAP_GROWTH_PERCENT: must be a whole number from 0 (V8 decides) to 300',
    );
  });
});

describe('loadConfig: CONDUIT_WORKER_CONCURRENCY and CONDUIT_GRAPH_WRITES_PER_SECOND', () => {
  it('are unset by default, and read when given', () => {
    const unset = loadConfig(base());
    expect([unset.workerConcurrency, unset.graphWritesPerSecond]).toEqual([undefined, undefined]);
    const set = loadConfig({
      ...base(),
      CONDUIT_WORKER_CONCURRENCY: '8',
      CONDUIT_GRAPH_WRITES_PER_SECOND: '12.5',
    });
    expect([set.workerConcurrency, set.graphWritesPerSecond]).toEqual([8, 12.5]);
  });

  it.each(['0', 'many', '2.5', '257'])('rejects a concurrency of %s naming the variable', (value) => {
    expect(() => loadConfig({ ...base(), CONDUIT_WORKER_CONCURRENCY: value })).toThrow(
      'CONDUIT_WORKER_CONCURRENCY: must be a whole number of jobs at once from 1 to 256',
    );
  });

  it.each(['0', '-3', 'fast'])('rejects a write rate of %s naming the variable', (value) => {
    expect(() => loadConfig({ ...base(), CONDUIT_GRAPH_WRITES_PER_SECOND: value })).toThrow(
      'CONDUIT_GRAPH_WRITES_PER_SECOND: must be a positive number of Graph writes per second (default 19)',
    );
  });
});

describe('loadConfig: CONDUIT_MAPPING_WORKERS', () => {
  it('accepts a number of worker threads', () => {
    expect(() => loadConfig({ ...base(), CONDUIT_MAPPING_WORKERS: '3' })).not.toThrow();
  });

  it.each(['0', 'two', '1.5', '65'])('rejects %s with a message naming the variable', (value) => {
    const load = () => loadConfig({ ...base(), CONDUIT_MAPPING_WORKERS: value });
    expect(load).toThrow('CONDUIT_MAPPING_WORKERS: must be a whole number of worker threads from 1 to 64');
  });
});

describe('loadConfig: CONDUIT_HOST', () => {
  it.each(['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost', 'conduit.internal.example'])(
    'accepts %s',
    (host) => {
      expect(loadConfig({ ...base(), CONDUIT_HOST: host }).host).toBe(host);
    },
  );

  it.each(['not a host', 'http://0.0.0.0', '0.0.0.0:9000', '-bad-.example', 'host_name'])(
    'rejects %s with a message naming the variable',
    (host) => {
      expectConfigError(
        { ...base(), CONDUIT_HOST: host },
        'CONDUIT_HOST: must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name',
      );
    },
  );
});

describe('loadConfig: CONDUIT_TRUST_PROXY', () => {
  it('trusts no proxy by default, and takes true, a hop count or addresses and ranges', () => {
    expect(loadConfig(base()).trustProxy).toBe(false);
    expect(loadConfig({ ...base(), CONDUIT_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...base(), CONDUIT_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({ ...base(), CONDUIT_TRUST_PROXY: '10.0.0.0/8, loopback,fd00::/8,192.0.2.7' }).trustProxy,
    ).toEqual(['10.0.0.0/8', 'loopback', 'fd00::/8', '192.0.2.7']);
  });

  it.each(['yes', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/2', '1.5'])(
    'rejects %s with a message naming the variable',
    (value) => {
      expectConfigError(
        { ...base(), CONDUIT_TRUST_PROXY: value },
        'CONDUIT_TRUST_PROXY: must be false, true (any proxy), a number of proxy hops',
      );
    },
  );
});

describe('loadConfig: CONDUIT_BOOTSTRAP_PASSWORD', () => {
  it.each([
    ['short', 'This password is too short. It must contain at least 8 characters.'],
    ['password1', 'This password is too common.'],
    ['Welcome2024!', 'This password is too common.'],
  ])('rejects %s with the password check’s words', (password, message) => {
    expectConfigError(
      { ...base(), CONDUIT_BOOTSTRAP_PASSWORD: password },
      `CONDUIT_BOOTSTRAP_PASSWORD: ${message}`,
    );
  });

  it('accepts a strong one', () => {
    expect(
      loadConfig({ ...base(), CONDUIT_BOOTSTRAP_PASSWORD: 'ochre-lantern-sixty' }).bootstrapPassword,
    ).toBe('ochre-lantern-sixty');
  });
});

describe('loadConfig: key material', () => {
  it.each(['not-base64-at-all', Buffer.alloc(16).toString('base64'), `${generateSecretKey()},short`])(
    'rejects CONDUIT_SECRET_KEYS=%s naming the variable',
    (keys) => {
      expectConfigError(
        { ...base(), CONDUIT_SECRET_KEYS: keys },
        'CONDUIT_SECRET_KEYS: each secret key must be 32 bytes, base64-encoded',
      );
    },
  );

  it('rejects a damaged secret.key naming its path', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret.key'), 'truncated==\n');
    const load = () => loadConfig({ CONDUIT_DATA_DIR: dir });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(`${join(dir, 'secret.key')} (the key file;`);
    expect(load).toThrow('each secret key must be 32 bytes');
  });

  it('creates secret.key readable by its owner only, in a directory only its owner can enter', () => {
    const dir = join(tempDir(), 'data');
    loadConfig({ CONDUIT_DATA_DIR: dir });
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});

describe('loadConfig: extra CA certificates', () => {
  const conduitCa = generateSelfSignedCertificate('Conduit test proxy CA');

  it.each([
    ['a missing file', () => join(tempDir(), 'missing.pem'), 'cannot read'],
    ['a file that is not PEM', () => pemFile('just some text\n'), 'is not a PEM file of CA certificates'],
    [
      'a PEM block that is not a certificate',
      () => pemFile('-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n'),
      'certificate 1 in',
    ],
  ])(
    'refuses %s in CONDUIT_EXTRA_CA_CERTS or NODE_EXTRA_CA_CERTS, naming the variable',
    (_, file, message) => {
      for (const variable of ['CONDUIT_EXTRA_CA_CERTS', 'NODE_EXTRA_CA_CERTS']) {
        expectConfigError({ ...base(), [variable]: file() }, new RegExp(`${variable}: .*${message}`));
      }
    },
  );

  it('trusts NODE_EXTRA_CA_CERTS beside CONDUIT_EXTRA_CA_CERTS and the system roots', async () => {
    const server = generateSelfSignedCertificate('localhost');
    const config = loadConfig({
      ...base(),
      CONDUIT_EXTRA_CA_CERTS: pemFile(conduitCa.certPem),
      NODE_EXTRA_CA_CERTS: pemFile(server.certPem),
    });
    expect(config.extraCaPem).toContain(conduitCa.certPem.trim());
    expect(config.extraCaPem).toContain(server.certPem.trim());

    // As the Graph client builds its trust list: the system roots plus Conduit's extra CAs.
    const https = createServer({ key: server.keyPem, cert: server.certPem }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    const { port } = https.address() as { port: number };
    const agent = new Agent({ connect: { ca: [...rootCertificates, config.extraCaPem ?? ''] } });
    try {
      const response = await request(`https://localhost:${port}/`, { dispatcher: agent });
      expect(await response.body.text()).toBe('ok');
    } finally {
      await agent.close();
      await new Promise((resolve) => https.close(resolve));
    }
  });

  it('adds nothing when neither variable is set', () => {
    expect(loadConfig(base()).extraCaPem).toBeUndefined();
  });
});
