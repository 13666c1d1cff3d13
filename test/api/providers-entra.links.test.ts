/**
 * The Entra link routes (`src/api/providers-entra.links.ts`): a manual link reads the remote object; unlinking sends nothing to Graph.
 */
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/stores.js';
import { entraSuite } from '../support/sync-api.js';

describe.each(DIALECTS)('Entra provider links on %s', (dialect) => {
  const suite = entraSuite(dialect);
  const { call, providerBody } = suite;

  it('links a user manually and fills attributes from Graph; unlinking sends nothing to Graph', async () => {
    const provider = (
      await call('POST', '/api/v3/providers/microsoft_entra/', providerBody('p-manual'))
    ).json();
    const seeded = suite.emulator.control.seed({
      users: [
        {
          displayName: 'Manual',
          userPrincipalName: `manual@${suite.emulator.domain}`,
          mailNickname: 'manual',
          accountEnabled: true,
        },
      ],
    });
    const user = (await call('POST', '/api/v3/core/users/', { username: 'manual', name: 'Manual' })).json();
    const res = await call('POST', '/api/v3/providers/microsoft_entra_users/', {
      microsoft_id: seeded.users[0]?.id,
      user: user.pk,
      provider: provider.pk,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().attributes).toMatchObject({ userPrincipalName: `manual@${suite.emulator.domain}` });
    // One Entra user, two local users: refused, or deleting either would delete the other's account.
    const other = (
      await call('POST', '/api/v3/core/users/', { username: 'manual2', name: 'Manual 2' })
    ).json();
    const twice = await call('POST', '/api/v3/providers/microsoft_entra_users/', {
      microsoft_id: seeded.users[0]?.id,
      user: other.pk,
      provider: provider.pk,
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toEqual({
      microsoft_id: [
        `This Entra user is already linked to local user #${user.pk} for this provider; delete that link first.`,
      ],
    });
    suite.emulator.control.clearRequestLog();
    expect(
      (await call('DELETE', `/api/v3/providers/microsoft_entra_users/${res.json().id}/`)).statusCode,
    ).toBe(204);
    expect(suite.emulator.control.getRequestLog()).toEqual([]);
    const missing = await call('POST', '/api/v3/providers/microsoft_entra_users/', {
      microsoft_id: '00000000-0000-0000-0000-000000000000',
      user: user.pk,
      provider: provider.pk,
    });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json())).toEqual(['microsoft_id']);
  });
});
