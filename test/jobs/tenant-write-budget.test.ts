/**
 * The shared write budget on PostgreSQL: several stores (as several processes would) drawing on
 * one key never exceed rate × elapsed + burst together; different keys do not share.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresWriteBudget } from '../../src/jobs/tenant-write-budget.js';
import { openStore, type Store } from '../../src/store/database.js';
import { createTestDatabaseUrl } from '../support/stores.js';

describe('the PostgreSQL write budget', () => {
  let stores: Store[] = [];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabaseUrl('postgres');
    drop = database.drop;
    stores = await Promise.all([0, 1, 2].map(() => openStore({ url: database.url, poolSize: 3 })));
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await drop?.();
  });

  it('three processes share one key: 300 writes at 100/s with a burst of 20 take about 2.8 s', async () => {
    const started = Date.now();
    const sentAt: number[] = [];
    await Promise.all(
      stores.map(async (store) => {
        const budget = createPostgresWriteBudget(store.db, { writesPerSecond: 100, burst: 20 });
        for (let i = 0; i < 5; i++) {
          await budget.acquire('tenant-a', 20);
          sentAt.push(Date.now() - started);
        }
      }),
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(2600);
    expect(elapsed).toBeLessThan(4500);
    // At no point were more writes released than the bucket allows.
    sentAt.sort((a, b) => a - b);
    for (const [i, t] of sentAt.entries())
      expect((i + 1) * 20).toBeLessThanOrEqual(20 + (t / 1000) * 100 + 20);
  });

  it('keys are independent', async () => {
    const store = stores[0];
    if (!store) throw new Error('no store');
    const budget = createPostgresWriteBudget(store.db, { writesPerSecond: 10, burst: 20 });
    const started = Date.now();
    await Promise.all(['t1', 't2', 't3'].map((key) => budget.acquire(key, 20)));
    expect(Date.now() - started).toBeLessThan(500);
  });
});
