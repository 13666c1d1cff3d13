/**
 * Conformance with authentik's API contract: Conduit is driven through authentik's own TypeScript
 * client (`@goauthentik/api`) over a real socket, and every JSON answer is also validated against
 * the component schemas of the `schema.yml` that ships with that client.
 */
import {
  type ApplicationRequest,
  Configuration,
  CoreApi,
  EventsApi,
  ProvidersApi,
  ResponseError,
  UserTypeEnum,
} from '@goauthentik/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/api/routes.js';
import { nowIso, writeJson } from '../../src/store/dialect.js';
import { ADMIN_TOKEN, createTestApi, type TestApi } from '../support/api.js';
import { validatingMiddleware } from '../support/openapi.js';
import { DIALECTS } from '../support/stores.js';

async function expectStatus(promise: Promise<unknown>, status: number): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResponseError);
  expect((error as ResponseError).response.status).toBe(status);
}

describe.each(DIALECTS)('authentik client against Conduit on %s', (dialect) => {
  let api: TestApi;
  let config: Configuration;
  /** Schema problems found in any response of the current test. */
  let problems: string[] = [];
  /** Component names each response was validated against, to show the checks ran. */
  const validated = new Set<string>();

  beforeAll(async () => {
    api = await createTestApi(dialect, apiRoutes);
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const address = api.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const validateResponses = validatingMiddleware((p) => problems.push(p), validated);
    config = new Configuration({
      basePath: `http://127.0.0.1:${port}/api/v3`,
      accessToken: ADMIN_TOKEN,
      middleware: [validateResponses],
    });
  });
  afterEach(() => {
    const found = problems;
    problems = [];
    expect(found).toEqual([]);
  });
  afterAll(async () => api.close());

  async function insertProvider(name: string): Promise<number> {
    const row = await api.store.db
      .insertInto('providers')
      .values({
        name,
        type: 'microsoft_entra',
        backchannel_application_uuid: null,
        filter_group_id: null,
        settings: writeJson({}),
        secrets: null,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('creates, lists with pagination, retrieves, updates and deletes users', async () => {
    const core = new CoreApi(config);
    const created = await core.coreUsersCreate({
      userRequest: {
        username: 'ada',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        attributes: { team: 'engines' },
        path: 'users/staff',
      },
    });
    expect(created).toMatchObject({
      username: 'ada',
      name: 'Ada Lovelace',
      isActive: true,
      isSuperuser: false,
      type: 'internal',
      path: 'users/staff',
    });
    expect(created.uid).toMatch(/^[0-9a-f]{64}$/);
    for (const username of ['bea', 'cy', 'dee'])
      await core.coreUsersCreate({ userRequest: { username, name: username.toUpperCase() } });

    const page1 = await core.coreUsersList({ pageSize: 2, ordering: 'username' });
    expect(page1.pagination).toMatchObject({
      count: 5,
      current: 1,
      next: 2,
      previous: 0,
      totalPages: 3,
      startIndex: 1,
      endIndex: 2,
    });
    expect(page1.results.map((u) => u.username)).toEqual(['ada', 'admin']);
    const page3 = await core.coreUsersList({ pageSize: 2, page: 3, ordering: 'username' });
    expect(page3.results.map((u) => u.username)).toEqual(['dee']);
    expect(page3.pagination).toMatchObject({ next: 0, previous: 2, startIndex: 5, endIndex: 5 });

    const fetched = await core.coreUsersRetrieve({ id: created.pk });
    expect(fetched.attributes).toEqual({ team: 'engines' });
    const put = await core.coreUsersUpdate({
      id: created.pk,
      userRequest: { username: 'ada', name: 'Ada King', isActive: false },
    });
    expect(put).toMatchObject({ name: 'Ada King', isActive: false, email: 'ada@example.com' });
    const patched = await core.coreUsersPartialUpdate({
      id: created.pk,
      patchedUserRequest: { email: 'countess@example.com', type: UserTypeEnum.External },
    });
    expect(patched).toMatchObject({ name: 'Ada King', email: 'countess@example.com', type: 'external' });

    await core.coreUsersSetPasswordCreate({
      id: created.pk,
      userPasswordSetRequest: { password: 'analytical-engine' },
    });
    expect((await core.coreUsersUsedByList({ id: created.pk })).length).toBe(0);
    expect((await core.coreUsersPathsRetrieve({})).paths).toEqual(
      expect.arrayContaining(['users', 'users/staff']),
    );
    const me = await core.coreUsersMeRetrieve();
    expect(me.user).toMatchObject({ username: 'admin', isSuperuser: true });

    await core.coreUsersDestroy({ id: created.pk });
    await expectStatus(core.coreUsersRetrieve({ id: created.pk }), 404);
  });

  it('creates service accounts with an app-password token and optional group', async () => {
    const core = new CoreApi(config);
    const account = await core.coreUsersServiceAccountCreate({
      userServiceAccountRequest: { name: 'ci-robot', createGroup: true },
    });
    expect(account).toMatchObject({
      username: 'ci-robot',
      userPk: expect.any(Number),
      groupPk: expect.any(String),
      token: expect.any(String),
    });
    const user = await core.coreUsersRetrieve({ id: account.userPk });
    expect(user).toMatchObject({
      type: 'service_account',
      path: 'goauthentik.io/service-accounts',
      groups: [account.groupPk],
    });
    const tokens = await core.coreTokensList({ userUsername: 'ci-robot' });
    expect(tokens.results).toHaveLength(1);
    expect(tokens.results[0]).toMatchObject({
      identifier: 'service-account-ci-robot-password',
      intent: 'app_password',
      expiring: true,
    });
    await expectStatus(
      core.coreUsersServiceAccountCreate({ userServiceAccountRequest: { name: 'ci-robot' } }),
      400,
    );
  });

  it('manages groups and their members, recording each membership change in the outbox', async () => {
    const core = new CoreApi(config);
    const user = await core.coreUsersCreate({ userRequest: { username: 'grace', name: 'Grace Hopper' } });
    const parent = await core.coreGroupsCreate({ groupRequest: { name: 'Engineering' } });
    const group = await core.coreGroupsCreate({
      groupRequest: { name: 'Compilers', parents: [parent.pk], attributes: { cost_centre: 42 } },
    });
    expect(group).toMatchObject({
      name: 'Compilers',
      parents: [parent.pk],
      users: [],
      isSuperuser: false,
      numPk: expect.any(Number),
    });

    await core.coreGroupsAddUserCreate({ groupUuid: group.pk, userAccountRequest: { pk: user.pk } });
    const withMember = await core.coreGroupsRetrieve({
      groupUuid: group.pk,
      includeParents: true,
      includeChildren: true,
    });
    expect(withMember.users).toEqual([user.pk]);
    expect(withMember.usersObj?.map((u) => u.username)).toEqual(['grace']);
    expect(withMember.parentsObj?.map((g) => g.name)).toEqual(['Engineering']);
    expect((await core.coreGroupsRetrieve({ groupUuid: parent.pk, includeChildren: true })).children).toEqual(
      [group.pk],
    );
    await core.coreGroupsRemoveUserCreate({ groupUuid: group.pk, userAccountRequest: { pk: user.pk } });
    expect((await core.coreGroupsRetrieve({ groupUuid: group.pk })).users).toEqual([]);
    const topics = (
      await api.store.db.selectFrom('outbox').select(['topic', 'payload']).orderBy('id').execute()
    ).map((r) => r.topic);
    expect(topics).toEqual(expect.arrayContaining(['group.members_added', 'group.members_removed']));

    const list = await core.coreGroupsList({ pageSize: 1, ordering: 'name' });
    expect(list.pagination.count).toBeGreaterThanOrEqual(3);
    expect(list.results).toHaveLength(1);
    const put = await core.coreGroupsUpdate({
      groupUuid: group.pk,
      groupRequest: { name: 'Compiler team', users: [user.pk] },
    });
    expect(put).toMatchObject({ name: 'Compiler team', users: [user.pk], parents: [parent.pk] });
    const patched = await core.coreGroupsPartialUpdate({
      groupUuid: group.pk,
      patchedGroupRequest: { isSuperuser: true },
    });
    expect(patched.isSuperuser).toBe(true);
    expect((await core.coreUsersRetrieve({ id: user.pk })).isSuperuser).toBe(true);
    await core.coreGroupsDestroy({ groupUuid: group.pk });
    await expectStatus(core.coreGroupsRetrieve({ groupUuid: group.pk }), 404);
  });

  it('manages applications with their backchannel providers', async () => {
    const core = new CoreApi(config);
    const providerId = await insertProvider('Entra (contoso)');
    const request: ApplicationRequest = {
      name: 'Contoso',
      slug: 'contoso',
      backchannelProviders: [providerId],
      metaLaunchUrl: 'https://contoso.example.com',
    };
    const app = await core.coreApplicationsCreate({ applicationRequest: request });
    expect(app).toMatchObject({
      slug: 'contoso',
      provider: undefined,
      providerObj: null,
      backchannelProviders: [providerId],
      launchUrl: 'https://contoso.example.com',
    });
    expect(app.backchannelProvidersObj[0]).toMatchObject({
      pk: providerId,
      component: 'ak-provider-microsoft-entra-form',
      verboseName: 'Microsoft Entra Provider',
      metaModelName: 'authentik_providers_microsoft_entra.microsoftentraprovider',
      assignedBackchannelApplicationSlug: 'contoso',
      assignedBackchannelApplicationName: 'Contoso',
    });
    await core.coreApplicationsCreate({ applicationRequest: { name: 'Fabrikam', slug: 'fabrikam' } });
    const list = await core.coreApplicationsList({ pageSize: 1, ordering: 'slug' });
    expect(list.pagination).toMatchObject({ count: 2, next: 2 });
    expect(list.results.map((a) => a.slug)).toEqual(['contoso']);
    expect((await core.coreApplicationsRetrieve({ slug: 'contoso' })).name).toBe('Contoso');
    const put = await core.coreApplicationsUpdate({
      slug: 'contoso',
      applicationRequest: { name: 'Contoso Ltd', slug: 'contoso-ltd', backchannelProviders: [] },
    });
    expect(put).toMatchObject({ slug: 'contoso-ltd', backchannelProviders: [] });
    const patched = await core.coreApplicationsPartialUpdate({
      slug: 'contoso-ltd',
      patchedApplicationRequest: { openInNewTab: true, policyEngineMode: 'all' },
    });
    expect(patched).toMatchObject({ openInNewTab: true, policyEngineMode: 'all' });
    await core.coreApplicationsDestroy({ slug: 'contoso-ltd' });
    await expectStatus(core.coreApplicationsRetrieve({ slug: 'contoso-ltd' }), 404);

    const providers = new ProvidersApi(config);
    const all = await providers.providersAllList({});
    expect(all.results.map((p) => p.name)).toContain('Entra (contoso)');
    expect(
      (await providers.providersAllRetrieve({ id: providerId })).assignedBackchannelApplicationSlug,
    ).toBeNull();
    expect((await providers.providersAllTypesList()).map((t) => t.component)).toEqual([
      'ak-provider-microsoft-entra-form',
    ]);
  });

  it('manages API tokens: the key is shown once, stored hashed, and can be replaced', async () => {
    const core = new CoreApi(config);
    const raw = await core.coreTokensCreateRaw({
      tokenRequest: { identifier: 'automation', description: 'CI', expiring: false },
    });
    const createdJson = (await raw.raw.clone().json()) as { key: string };
    const token = await raw.value();
    expect(token).toMatchObject({
      identifier: 'automation',
      intent: 'api',
      user: api.adminPk,
      expiring: false,
      expires: undefined,
    });
    expect(token.userObj.username).toBe('admin');
    expect(createdJson.key.length).toBeGreaterThan(20);

    const withNewKey = new CoreApi(
      new Configuration({ basePath: config.basePath, accessToken: createdJson.key }),
    );
    expect((await withNewKey.coreUsersMeRetrieve()).user.username).toBe('admin');

    const list = await core.coreTokensList({ identifier: 'automation' });
    expect(list.results.map((t) => t.identifier)).toEqual(['automation']);
    expect((await core.coreTokensRetrieve({ identifier: 'automation' })).description).toBe('CI');
    const put = await core.coreTokensUpdate({
      identifier: 'automation',
      tokenRequest: { identifier: 'automation', description: 'Deployments' },
    });
    expect(put.description).toBe('Deployments');
    const patched = await core.coreTokensPartialUpdate({
      identifier: 'automation',
      patchedTokenRequest: { expiring: true, expires: new Date(Date.now() + 3_600_000) },
    });
    expect(patched.expiring).toBe(true);

    const viewKey = await core
      .coreTokensViewKeyRetrieve({ identifier: 'automation' })
      .catch((e: unknown) => e);
    expect(viewKey).toBeInstanceOf(ResponseError);
    const viewKeyResponse = (viewKey as ResponseError).response;
    expect(viewKeyResponse.status).toBe(400);
    expect(JSON.stringify(await viewKeyResponse.json())).toMatch(/hash/);

    await core.coreTokensSetKeyCreate({
      identifier: 'automation',
      tokenSetKeyRequest: { key: 'a-new-key-of-my-choosing-0123456789' },
    });
    await expectStatus(withNewKey.coreUsersMeRetrieve(), 403);
    const withChosenKey = new CoreApi(
      new Configuration({ basePath: config.basePath, accessToken: 'a-new-key-of-my-choosing-0123456789' }),
    );
    expect((await withChosenKey.coreUsersMeRetrieve()).user.username).toBe('admin');

    await core.coreTokensDestroy({ identifier: 'automation' });
    await expectStatus(core.coreTokensRetrieve({ identifier: 'automation' }), 404);
  });

  it('lists and retrieves audit events of the changes made through the API', async () => {
    const core = new CoreApi(config);
    const user = await core.coreUsersCreate({ userRequest: { username: 'linus', name: 'Linus' } });
    const events = new EventsApi(config);
    const list = await events.eventsEventsList({
      action: 'model_created',
      contextModelName: 'user',
      contextModelPk: String(user.pk),
    });
    expect(list.results).toHaveLength(1);
    const [event] = list.results;
    expect(event).toMatchObject({ action: 'model_created', user: { pk: api.adminPk, username: 'admin' } });
    const context = event?.context as { model?: { name?: string } } | undefined;
    expect(context?.model?.name).toBe('linus');
    expect((await events.eventsEventsRetrieve({ eventUuid: event?.pk ?? '' })).pk).toBe(event?.pk);
    const byUser = await events.eventsEventsList({ username: 'admin', pageSize: 5 });
    expect(byUser.results.length).toBeGreaterThan(0);
    const created = byUser.results.map((e) => e.created.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it('validated responses against the schema components', () => {
    expect([...validated]).toEqual(
      expect.arrayContaining([
        'User',
        'PaginatedUserList',
        'Group',
        'PaginatedGroupList',
        'Application',
        'PaginatedApplicationList',
        'Token',
        'PaginatedTokenList',
        'Event',
        'PaginatedEventList',
        'Provider',
        'UserServiceAccountResponse',
        'SessionUser',
      ]),
    );
  });
});
