import { describe, expect, it } from 'vitest';
import { eqFilter, odataString, queryString, selectList } from './graph-odata.js';

describe('OData helpers', () => {
  it('doubles single quotes in string literals', () => {
    expect(odataString("O'Brien")).toBe("'O''Brien'");
    expect(odataString("''")).toBe("''''''");
    expect(eqFilter('userPrincipalName', "o'brien@contoso.com")).toBe(
      "userPrincipalName eq 'o''brien@contoso.com'",
    );
  });

  it('builds query strings that survive URL parsing unchanged', () => {
    const qs = queryString({
      $filter: eqFilter('displayName', "R&D's #1"),
      $select: 'id,displayName',
      $top: 999,
      $skip: undefined,
    });
    const params = new URLSearchParams(qs.slice(1));
    expect(params.get('$filter')).toBe("displayName eq 'R&D''s #1'");
    expect(params.get('$select')).toBe('id,displayName');
    expect(params.get('$top')).toBe('999');
    expect(qs).not.toContain('$skip');
    expect(queryString({})).toBe('');
  });

  it('always selects id', () => {
    expect(selectList(['displayName', 'id'])).toBe('id,displayName');
    expect(selectList([])).toBeUndefined();
  });
});
