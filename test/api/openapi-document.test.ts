/**
 * The served OpenAPI document (`/api/v3/schema/`) describes every route's answer: each operation
 * declares a response schema (or a 204), so the web client's generated types cover the whole API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/api/routes.js';
import { createTestApi, type TestApi } from '../support/api.js';

interface Operation {
  responses?: Record<string, { description?: string; content?: unknown }>;
}

describe('the served OpenAPI document', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi('sqlite', apiRoutes);
  });
  afterAll(async () => api.close());

  it('declares a response schema for every operation', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/v3/schema/' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, Operation>>;
    const operations = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(80);
    const undescribed = operations
      .filter(({ op }) =>
        Object.entries(op.responses ?? {}).every(
          ([status, r]) => r.content === undefined && status !== '204',
        ),
      )
      .map(({ name }) => name);
    expect(undescribed).toEqual([]);
  });
});
