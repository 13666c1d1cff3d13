// @vitest-environment happy-dom
/**
 * The help renderer treats a document as data: Conduit's own screenshots load, but a remote or
 * non-image source never becomes an <img>, and only http, https and mailto links are links.
 */
import { cleanup, render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { localImageSource, Markdown, resolveHref } from './markdown.js';

const BASE = '/docs/admin/create-entra-provider.md';

function renderDoc(source: string) {
  return render(
    <MemoryRouter>
      <Markdown source={source} base={BASE} />
    </MemoryRouter>,
  );
}

afterEach(() => cleanup());

describe('localImageSource', () => {
  it('accepts relative screenshots under /docs/ and refuses everything else', () => {
    expect(localImageSource('../screenshots/dashboard.png', BASE)).toBe('/docs/screenshots/dashboard.png');
    for (const src of [
      'https://attacker.example/pixel.png',
      '//attacker.example/pixel.png',
      '\\\\attacker.example\\pixel.png',
      '/\\attacker.example/pixel.png',
      'data:image/png;base64,AAAA',
      '../../api/v3/events/events/?x=.png',
      '../../api/v3/core/users/me.png',
      '../screenshots/dashboard.png?track=1',
      'javascript:alert(1)',
    ]) {
      expect(localImageSource(src, BASE), src).toBeNull();
    }
  });
});

describe('resolveHref', () => {
  it('opens other admin pages in the viewer and drops unsafe schemes', () => {
    expect(resolveHref('troubleshooting.md#failed-background-jobs', BASE)).toEqual({
      internal: true,
      to: '/help/troubleshooting#failed-background-jobs',
    });
    expect(resolveHref('https://learn.microsoft.com/graph/', BASE)).toEqual({
      internal: false,
      to: 'https://learn.microsoft.com/graph/',
    });
    expect(resolveHref('javascript:alert(1)', BASE)).toBeNull();
    expect(resolveHref('JaVaScRiPt:alert(1)', BASE)).toBeNull();
    expect(resolveHref('data:text/html,<script>1</script>', BASE)).toBeNull();
  });
});

describe('Markdown', () => {
  it('renders a remote image as a link and never as an <img>', () => {
    const { container } = renderDoc(
      'Look: ![tracking pixel](https://attacker.example/pixel.png) and ![local](../screenshots/dashboard.png)',
    );
    const images = [...container.querySelectorAll('img')].map((img) => img.getAttribute('src'));
    expect(images).toEqual(['/docs/screenshots/dashboard.png']);
    const link = container.querySelector('a[href="https://attacker.example/pixel.png"]');
    expect(link?.textContent).toBe('tracking pixel');
  });

  it('renders a javascript: link as plain text', () => {
    const { container } = renderDoc('[click me](javascript:alert(document.cookie))');
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toContain('click me');
  });
});
