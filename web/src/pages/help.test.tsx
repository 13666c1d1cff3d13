// @vitest-environment happy-dom
/**
 * The help viewer fetches only the pages of docs/admin: any other name (a crafted
 * `/help/..%2F..%2Fapi%2F…` link) shows "Help page not found" and fetches nothing.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderRoutes } from '../render-routes.js';
import { HELP_PAGES, HelpPage, helpDocumentPath } from './help.js';

const DOCS_ADMIN = join(import.meta.dirname, '..', '..', '..', 'docs', 'admin');

function renderHelp(url: string) {
  return renderRoutes(url, { '/help/:page': <HelpPage /> });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('helpDocumentPath', () => {
  it('knows exactly the pages of docs/admin', () => {
    const files = readdirSync(DOCS_ADMIN)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.replace(/\.md$/, ''))
      .sort();
    expect(HELP_PAGES.map((p) => p.page).sort()).toEqual(files);
    for (const page of files) expect(helpDocumentPath(page)).toBe(`/docs/admin/${page}.md`);
  });

  it('refuses any other name, traversal and Object.prototype names included', () => {
    for (const page of [
      '../../api/v3/events/events/?action=login_failed&x=',
      '..',
      'index.md',
      'INDEX',
      'constructor',
      '__proto__',
      'toString',
      '',
    ]) {
      expect(helpDocumentPath(page), page).toBeNull();
    }
  });
});

describe('HelpPage', () => {
  it('shows "Help page not found" for a crafted page name and fetches nothing', async () => {
    const fetch = vi.fn(
      async () => new Response('# Planted', { headers: { 'content-type': 'text/markdown' } }),
    );
    vi.stubGlobal('fetch', fetch);
    renderHelp(`/help/${encodeURIComponent('../../api/v3/events/events/?x=')}`);
    expect(await screen.findByRole('heading', { name: 'Help page not found' })).toBeTruthy();
    expect(screen.queryByText('Planted')).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('renders a known page from its document', async () => {
    const fetch = vi.fn(
      async () =>
        new Response('# Troubleshooting\n\nHello.', { headers: { 'content-type': 'text/markdown' } }),
    );
    vi.stubGlobal('fetch', fetch);
    renderHelp('/help/troubleshooting');
    expect(await screen.findByRole('heading', { name: 'Troubleshooting', level: 1 })).toBeTruthy();
    expect(fetch).toHaveBeenCalledWith('/docs/admin/troubleshooting.md');
  });

  it('does not render an HTML answer (the app shell) as help', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () => new Response('<!doctype html><p>shell</p>', { headers: { 'content-type': 'text/html' } }),
      ),
    );
    renderHelp('/help/index');
    expect(await screen.findByText(/could not be loaded/)).toBeTruthy();
    expect(screen.queryByText(/shell/)).toBeNull();
  });
});
