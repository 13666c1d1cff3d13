/**
 * Property mappings with the sync engine behind them (`src/api/property-mappings.ts`): CRUD, managed ones protected, authentik's test endpoint and the live preview.
 */
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/stores.js';
import { entraSuite } from '../support/sync-api.js';

describe.each(DIALECTS)('Property mappings with the sync engine on %s', (dialect) => {
  const suite = entraSuite(dialect);
  const { call } = suite;

  it('property mappings: CRUD, managed ones protected, authentik test endpoint, and live preview with SkipObject and errors', async () => {
    const list = (
      await call(
        'GET',
        '/api/v3/propertymappings/provider/microsoft_entra/?managed=conduit/providers/microsoft_entra/user',
      )
    ).json();
    expect(list.results).toHaveLength(1);
    const managed = list.results[0];
    expect(
      (await call('DELETE', `/api/v3/propertymappings/provider/microsoft_entra/${managed.pk}/`)).statusCode,
    ).toBe(405);
    const created = await call('POST', '/api/v3/propertymappings/provider/microsoft_entra/', {
      name: 'Job title',
      expression: 'return { jobTitle: user.attributes.title ?? null };',
    });
    expect(created.statusCode).toBe(201);
    const user = (
      await call('POST', '/api/v3/core/users/', {
        username: 'prev',
        name: 'Pre View',
        email: `prev@${suite.emulator.domain}`,
        attributes: { title: 'Engineer' },
      })
    ).json();
    const tested = (
      await call('POST', `/api/v3/propertymappings/all/${created.json().pk}/test/`, { user: user.pk })
    ).json();
    expect(tested).toEqual({ successful: true, result: JSON.stringify({ jobTitle: 'Engineer' }) });
    const skip = (
      await call('POST', '/api/v3/propertymappings/provider/microsoft_entra/preview/', {
        expression: 'if (user.username === "prev") throw new SkipObject();\nreturn {};',
        user: user.pk,
      })
    ).json();
    expect(skip).toMatchObject({ status: 'skip', skipped_by: 'Unsaved mapping' });
    const broken = (
      await call('POST', '/api/v3/propertymappings/provider/microsoft_entra/preview/', {
        expression: 'const a = 1;\nreturn user.nope.deeper;',
        user: user.pk,
      })
    ).json();
    expect(broken).toMatchObject({ status: 'error', error: { mapping: 'Unsaved mapping', line: 2 } });
    const merged = (
      await call('POST', '/api/v3/propertymappings/provider/microsoft_entra/preview/', {
        mappings: [managed.pk, created.json().pk],
        user: user.pk,
      })
    ).json();
    expect(merged).toMatchObject({
      status: 'ok',
      body: {
        displayName: 'Pre View',
        jobTitle: 'Engineer',
        userPrincipalName: `prev@${suite.emulator.domain}`,
      },
    });
    const noTarget = await call('POST', '/api/v3/propertymappings/provider/microsoft_entra/preview/', {
      expression: 'return {}',
    });
    expect(noTarget.statusCode).toBe(400);
  });
});
