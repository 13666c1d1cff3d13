import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, type Harness, startHarness, userBody } from './harness.js';

let h: Harness;
const EVENTUAL = { consistencylevel: 'eventual' };

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.reset();
  h.emu.control.seed({
    users: [
      userBody('alice', undefined, {
        displayName: 'Alice Smith',
        givenName: 'Alice',
        surname: 'Smith',
        department: 'Sales',
      }),
      userBody('bob', undefined, {
        displayName: 'Bob Jones',
        givenName: 'Bob',
        surname: 'Jones',
        department: 'Sales',
        accountEnabled: false,
      }),
      userBody('carol', undefined, {
        displayName: "Carol O'Neil",
        givenName: 'Carol',
        surname: "O'Neil",
        department: 'Engineering',
      }),
      userBody('dan', undefined, {
        displayName: 'Dan Brown',
        givenName: 'Dan',
        surname: 'Brown',
        department: 'Engineering',
        mail: 'dan@fabrikam.com',
      }),
    ],
  });
});

function names(reply: { json: { value?: Array<Record<string, unknown>> } }): string[] {
  return (reply.json.value ?? []).map((u) => String(u.displayName)).sort();
}

describe('$filter (default queries)', () => {
  it('supports eq, case-insensitively', async () => {
    const r = await h.graph('GET', `/users?$filter=${encodeURIComponent("department eq 'sales'")}`);
    expect(r.status).toBe(200);
    expect(names(r)).toEqual(['Alice Smith', 'Bob Jones']);
  });

  it("supports '' escaping inside literals", async () => {
    const r = await h.graph('GET', `/users?$filter=${encodeURIComponent("surname eq 'O''Neil'")}`);
    expect(names(r)).toEqual(["Carol O'Neil"]);
  });

  it('supports in, startsWith, and/or and parentheses', async () => {
    const inQ = await h.graph('GET', `/users?$filter=${encodeURIComponent("givenName in ('Alice','Dan')")}`);
    expect(names(inQ)).toEqual(['Alice Smith', 'Dan Brown']);
    const sw = await h.graph('GET', `/users?$filter=${encodeURIComponent("startsWith(displayName,'ca')")}`);
    expect(names(sw)).toEqual(["Carol O'Neil"]);
    const combo = await h.graph(
      'GET',
      `/users?$filter=${encodeURIComponent("(department eq 'Sales' and accountEnabled eq true) or surname eq 'Brown'")}`,
    );
    expect(names(combo)).toEqual(['Alice Smith', 'Dan Brown']);
  });

  it('filters by userPrincipalName and id', async () => {
    const one = await h.graph(
      'GET',
      `/users?$filter=${encodeURIComponent("userPrincipalName eq 'bob@contoso.onmicrosoft.com'")}&$select=id`,
    );
    const id = String(one.json.value?.[0]?.id);
    const byId = await h.graph('GET', `/users?$filter=${encodeURIComponent(`id eq '${id}'`)}`);
    expect(names(byId)).toEqual(['Bob Jones']);
  });

  it('gates endsWith, ne and not behind ConsistencyLevel: eventual plus $count=true', async () => {
    const ends = await h.graph(
      'GET',
      `/users?$filter=${encodeURIComponent("endsWith(mail,'@fabrikam.com')")}`,
    );
    expect(ends.status).toBe(400);
    expect(errorOf(ends).code).toBe('Request_UnsupportedQuery');
    expect(
      errorOf(ends).message.startsWith(
        "Operator 'endsWith' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header",
      ),
    ).toBe(true);
    const headerOnly = await h.graph(
      'GET',
      `/users?$filter=${encodeURIComponent("endsWith(mail,'@fabrikam.com')")}`,
      { headers: EVENTUAL },
    );
    expect(headerOnly.status).toBe(400);
    const ok = await h.graph(
      'GET',
      `/users?$filter=${encodeURIComponent("endsWith(mail,'@fabrikam.com')")}&$count=true`,
      { headers: EVENTUAL },
    );
    expect(ok.status).toBe(200);
    expect(names(ok)).toEqual(['Dan Brown']);
    expect(ok.json['@odata.count']).toBe(1);
    const ne = await h.graph('GET', `/users?$filter=${encodeURIComponent("department ne 'Sales'")}`);
    expect(ne.status).toBe(400);
    expect(errorOf(ne).code).toBe('Request_UnsupportedQuery');
    const neOk = await h.graph(
      'GET',
      `/users?$filter=${encodeURIComponent("department ne 'Sales'")}&$count=true`,
      { headers: EVENTUAL },
    );
    expect(names(neOk)).toEqual(["Carol O'Neil", 'Dan Brown']);
    const not = await h.graph('GET', `/users?$filter=${encodeURIComponent("not(department eq 'Sales')")}`);
    expect(not.status).toBe(400);
  });

  it('rejects filtering on an unindexed property with the real message', async () => {
    const r = await h.graph(
      'GET',
      `/groups?$filter=${encodeURIComponent('createdDateTime ge 2020-01-01T00:00:00Z')}`,
    );
    expect(r.status).toBe(400);
    expect(errorOf(r).message).toBe(
      "Unsupported or invalid query filter clause specified for property 'createdDateTime' of resource 'Group'.",
    );
  });

  it('rejects malformed filters with 400 BadRequest', async () => {
    const r = await h.graph('GET', `/users?$filter=${encodeURIComponent("displayName eq 'unterminated")}`);
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe('BadRequest');
  });
});

describe('$select, $top, $count, $search, $orderby', () => {
  it('returns only selected properties and names them in @odata.context', async () => {
    const r = await h.graph('GET', '/users?$select=displayName,department&$top=1');
    expect(r.json['@odata.context']).toBe(`${h.emu.graphUrl}/$metadata#users(displayName,department)`);
    expect(Object.keys(r.json.value?.[0] ?? {}).sort()).toEqual(['department', 'displayName']);
    const bad = await h.graph('GET', '/users?$select=nope');
    expect(bad.status).toBe(400);
    expect(errorOf(bad).message).toBe(
      "Could not find a property named 'nope' on type 'microsoft.graph.user'.",
    );
  });

  it.each(['0', '1000', 'abc'])('rejects $top=%s with the exact message', async (top) => {
    const r = await h.graph('GET', `/users?$top=${top}`);
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({
      code: 'Request_BadRequest',
      message: `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`,
    });
  });

  it('silently ignores $count=true without the header', async () => {
    const r = await h.graph('GET', '/users?$count=true');
    expect(r.status).toBe(200);
    expect(r.json).not.toHaveProperty('@odata.count');
    expect(r.json.value).toHaveLength(4);
  });

  it('serves /users/$count as text/plain only with ConsistencyLevel: eventual', async () => {
    const without = await h.graph('GET', '/users/$count');
    expect(without.status).toBe(400);
    expect(errorOf(without)).toMatchObject({
      code: 'Request_BadRequest',
      message: '$count is not currently supported.',
    });
    const r = await h.graph('GET', '/users/$count', { headers: EVENTUAL });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.text).toBe('4');
  });

  it('requires the header for $search', async () => {
    const r = await h.graph('GET', `/users?$search=${encodeURIComponent('"displayName:ali"')}`);
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({
      code: 'Request_UnsupportedQuery',
      message:
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    });
    const ok = await h.graph('GET', `/users?$search=${encodeURIComponent('"displayName:ali"')}`, {
      headers: EVENTUAL,
    });
    expect(names(ok)).toEqual(['Alice Smith']);
  });

  it('orders by displayName by default but needs an advanced query with $filter', async () => {
    const r = await h.graph('GET', '/users?$orderby=displayName desc&$select=displayName');
    expect(r.json.value?.map((u) => u.displayName)).toEqual([
      'Dan Brown',
      "Carol O'Neil",
      'Bob Jones',
      'Alice Smith',
    ]);
    const withFilter = await h.graph(
      'GET',
      `/users?$orderby=displayName&$filter=${encodeURIComponent("department eq 'Sales'")}`,
    );
    expect(withFilter.status).toBe(400);
    expect(errorOf(withFilter).code).toBe('Request_UnsupportedQuery');
    const advanced = await h.graph(
      'GET',
      `/users?$orderby=displayName&$count=true&$filter=${encodeURIComponent("department eq 'Sales'")}`,
      { headers: EVENTUAL },
    );
    expect(advanced.status).toBe(200);
  });
});

describe('paging', () => {
  it('pages 100 at a time by default with an opaque $skiptoken nextLink; the last page has none', async () => {
    h.emu.control.seed({ users: 246 });
    const seen = new Set<string>();
    let url: string | undefined = '/v1.0/users';
    const pageSizes: number[] = [];
    while (url) {
      const r = await h.call('GET', url);
      expect(r.status).toBe(200);
      for (const u of r.json.value ?? []) seen.add(String(u.id));
      pageSizes.push(r.json.value?.length ?? 0);
      const next = r.json['@odata.nextLink'] as string | undefined;
      if (next) {
        expect(next.startsWith(`${h.emu.graphUrl}/users?`)).toBe(true);
        expect(next).toContain('$skiptoken=');
      }
      url = next?.slice(h.emu.loginUrl.length);
    }
    expect(pageSizes).toEqual([100, 100, 50]);
    expect(seen.size).toBe(250);
  });

  it('keeps $select/$top in the nextLink and puts @odata.count only on the first page', async () => {
    h.emu.control.seed({ users: 10 });
    const first = await h.graph('GET', '/users?$top=5&$select=id&$count=true', { headers: EVENTUAL });
    expect(first.json['@odata.count']).toBe(14);
    const next = String(first.json['@odata.nextLink']);
    expect(next).toContain('$top=5');
    expect(next).toContain('$select=id');
    const second = await h.call('GET', next.slice(h.emu.loginUrl.length), { headers: EVENTUAL });
    expect(second.json.value).toHaveLength(5);
    expect(second.json).not.toHaveProperty('@odata.count');
  });

  it('charges 2 RU for GET users and applies the $select/$top modifiers', async () => {
    expect((await h.graph('GET', '/users')).headers['x-ms-resource-unit']).toBe('2');
    expect((await h.graph('GET', '/users?$select=id')).headers['x-ms-resource-unit']).toBe('1');
    expect((await h.graph('GET', '/users?$top=5')).headers['x-ms-resource-unit']).toBe('1');
  });
});
