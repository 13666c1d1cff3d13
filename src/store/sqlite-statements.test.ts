import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachingStatements } from './sqlite-statements.js';

describe('cachingStatements', () => {
  it('prepares a query once and reuses it with other parameters', () => {
    const db = new SqliteDatabase(':memory:');
    const cached = cachingStatements(db);
    cached.prepare('create table t (id integer primary key, v text)').run([]);
    const insert = cached.prepare('insert into t (v) values (?)');
    insert.run(['a']);
    expect(cached.prepare('insert into t (v) values (?)')).toBe(insert);
    cached.prepare('insert into t (v) values (?)').run(['b']);
    expect(cached.prepare('select v from t order by id').all([])).toEqual([{ v: 'a' }, { v: 'b' }]);
    cached.close();
  });

  it('keeps at most max statements, dropping the least recently used', () => {
    const db = new SqliteDatabase(':memory:');
    const cached = cachingStatements(db, 2);
    const one = cached.prepare('select 1');
    cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(one); // now most recent
    cached.prepare('select 3'); // drops "select 2"
    expect(cached.cached()).toBe(2);
    expect(cached.prepare('select 1')).toBe(one);
    cached.close();
  });

  it('never hands out a statement that is still being iterated', () => {
    const db = new SqliteDatabase(':memory:');
    const cached = cachingStatements(db);
    const sql = 'select value from json_each(?)';
    const outer = cached.prepare(sql);
    const seen: unknown[] = [];
    for (const row of outer.iterate(['[1,2]']) as IterableIterator<{ value: number }>) {
      const inner = cached.prepare(sql);
      expect(inner).not.toBe(outer);
      seen.push(row.value, (inner.all(['[9]']) as Array<{ value: number }>)[0]?.value);
    }
    expect(seen).toEqual([1, 9, 2, 9]);
    cached.close();
  });
});
