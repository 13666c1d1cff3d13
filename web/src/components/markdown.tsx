/**
 * A small Markdown renderer for the administrator documentation in `docs/admin/` (served by
 * Conduit at `/docs/admin/`): headings with anchors, paragraphs, nested lists, code blocks,
 * tables, `:::info` admonitions, links and images. No HTML passes through: all text is escaped
 * by React.
 *
 * Invariants (help text is data, and must not be able to act): images load only from `/docs/`
 * on this origin (`localImageSource`), and links only use http, https or mailto (`resolveHref`).
 */
import { Alert } from '@patternfly/react-core';
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';

export function headingId(text: string): string {
  return text
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** Schemes a rendered link may use; anything else (`javascript:`, `data:`) is shown as text. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
/** Images in help are Conduit's own screenshots, served beside the docs. */
const LOCAL_IMAGE = /^\/docs\/[\w/-]+\.(?:png|jpe?g|gif|svg|webp)$/i;

/**
 * Where a link in a doc page goes: other admin pages open in the app's help viewer, absolute
 * links keep their URL when their scheme is safe, and a link with any other scheme is null.
 */
export function resolveHref(href: string, base: string): { internal: boolean; to: string } | null {
  if (href.startsWith('#')) return { internal: false, to: href };
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) {
    try {
      const url = new URL(href, 'http://x/');
      return LINK_SCHEMES.has(url.protocol) ? { internal: false, to: href } : null;
    } catch {
      return null;
    }
  }
  const [path = '', hash = ''] = href.split('#');
  const url = new URL(path || base, `http://x${base}`);
  const m = /^\/docs\/admin\/([\w-]+)\.md$/.exec(url.pathname);
  if (m) return { internal: true, to: `/help/${m[1]}${hash ? `#${hash}` : ''}` };
  return { internal: false, to: url.pathname + (hash ? `#${hash}` : '') };
}

/**
 * The same-origin path of an image the help may display, or null. Only relative references that
 * resolve to an image file under `/docs/` load: a remote image would tell another host who reads
 * the help and when, and an API URL is no image at all.
 */
export function localImageSource(src: string, base: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//') || src.startsWith('\\')) return null;
  const url = new URL(src, `http://x${base}`);
  if (url.host !== 'x' || url.search || !LOCAL_IMAGE.test(url.pathname)) return null;
  return url.pathname;
}

function inline(text: string, base: string, keyPrefix: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /(`[^`]+`)|(!\[[^\]]*\]\([^)]+\))|(\[[^\]]+\]\([^)]+\))|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)/g;
  let last = 0;
  let i = 0;
  for (const m of text.matchAll(re)) {
    const index = m.index ?? 0;
    if (index > last) out.push(text.slice(last, index));
    const tok = m[0];
    const key = `${keyPrefix}-${i++}`;
    if (m[1]) out.push(<code key={key}>{tok.slice(1, -1)}</code>);
    else if (m[2]) {
      const mm = /^!\[([^\]]*)\]\(([^)]+)\)$/.exec(tok);
      const alt = mm?.[1] ?? '';
      const src = localImageSource(mm?.[2] ?? '', base);
      const target = src === null ? resolveHref(mm?.[2] ?? '', base) : null;
      // A remote image is never fetched: it becomes a link the reader may choose to follow.
      if (src !== null) out.push(<img key={key} src={src} alt={alt} loading="lazy" />);
      else if (target)
        out.push(
          <a key={key} href={target.to} rel="noreferrer noopener">
            {alt || target.to}
          </a>,
        );
      else out.push(alt);
    } else if (m[3]) {
      const mm = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(tok);
      const target = resolveHref(mm?.[2] ?? '', base);
      const label = inline(mm?.[1] ?? '', base, key);
      if (!target) out.push(<Fragment key={key}>{label}</Fragment>);
      else
        out.push(
          target.internal ? (
            <Link key={key} to={target.to}>
              {label}
            </Link>
          ) : (
            <a key={key} href={target.to}>
              {label}
            </a>
          ),
        );
    } else if (m[4]) out.push(<strong key={key}>{inline(tok.slice(2, -2), base, key)}</strong>);
    else if (m[5]) out.push(<em key={key}>{inline(tok.slice(1, -1), base, key)}</em>);
    last = index + tok.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

interface ListItemNode {
  text: string[];
  children: string[];
}

function renderList(lines: string[], base: string, key: string): ReactNode {
  const ordered = /^\s*\d+\.\s/.test(lines[0] ?? '');
  const indent = (lines[0] ?? '').search(/\S/);
  const items: ListItemNode[] = [];
  for (const line of lines) {
    const ind = line.search(/\S/);
    const marker = /^\s*(?:[-*+]|\d+\.)\s+(.*)$/.exec(line);
    if (marker && ind === indent) items.push({ text: [marker[1] ?? ''], children: [] });
    else if (items.length > 0) {
      const cur = items[items.length - 1] as ListItemNode;
      if (
        cur.children.length === 0 &&
        !marker &&
        line.trim() !== '' &&
        ind <= indent + 4 &&
        !line.trim().startsWith(':::')
      )
        cur.text.push(line.trim());
      else
        cur.children.push(
          line.slice(
            Math.min(ind, indent + 2) >= 0 ? Math.min(indent + (ordered ? 3 : 2), Math.max(ind, 0)) : 0,
          ),
        );
    }
  }
  const Tag = ordered ? 'ol' : 'ul';
  return (
    <Tag key={key}>
      {items.map((item, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static content
        <li key={n}>
          {inline(item.text.join(' '), base, `${key}-${n}`)}
          {item.children.length > 0 && blocks(item.children, base, `${key}-${n}c`)}
        </li>
      ))}
    </Tag>
  );
}

function blocks(lines: string[], base: string, keyPrefix: string): ReactNode[] {
  const out: ReactNode[] = [];
  let i = 0;
  let k = 0;
  const key = () => `${keyPrefix}-${k++}`;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (trimmed === '') {
      i++;
      continue;
    }
    if (trimmed.startsWith('```')) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').trim().startsWith('```')) code.push(lines[i++] ?? '');
      i++;
      const ind = line.search(/\S/);
      out.push(
        <pre key={key()}>
          <code>{code.map((c) => c.slice(Math.min(ind, c.search(/\S|$/)))).join('\n')}</code>
        </pre>,
      );
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(trimmed);
    if (heading) {
      const level = heading[1]?.length ?? 1;
      const text = heading[2] ?? '';
      const H = `h${level}` as 'h1';
      out.push(
        <H key={key()} id={headingId(text)}>
          {inline(text, base, `h${k}`)}
        </H>,
      );
      i++;
      continue;
    }
    const adm = /^:::(\w+)\s*(.*)$/.exec(trimmed);
    if (adm) {
      const body: string[] = [];
      i++;
      while (i < lines.length && (lines[i] ?? '').trim() !== ':::') body.push((lines[i++] ?? '').trim());
      i++;
      const variant =
        adm[1] === 'warning' || adm[1] === 'caution' ? 'warning' : adm[1] === 'danger' ? 'danger' : 'info';
      out.push(
        <Alert key={key()} variant={variant} isInline title={adm[2] || adm[1]}>
          {blocks(body, base, `${keyPrefix}-adm${k}`)}
        </Alert>,
      );
      continue;
    }
    if (/^\s*(?:[-*+]|\d+\.)\s/.test(line)) {
      const list: string[] = [];
      const indent = line.search(/\S/);
      while (i < lines.length) {
        const l = lines[i] ?? '';
        if (l.trim() === '') {
          const next = lines[i + 1] ?? '';
          if (next.trim() !== '' && next.search(/\S/) > indent) {
            list.push(l);
            i++;
            continue;
          }
          if (/^\s*(?:[-*+]|\d+\.)\s/.test(next) && next.search(/\S/) === indent) {
            i++;
            continue;
          }
          break;
        }
        if (l.search(/\S/) < indent) break;
        if (l.search(/\S/) === indent && !/^\s*(?:[-*+]|\d+\.)\s/.test(l)) break;
        list.push(l);
        i++;
      }
      out.push(renderList(list, base, key()));
      continue;
    }
    if (trimmed.startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('|')) {
        const cells = (lines[i] ?? '')
          .trim()
          .replace(/^\||\|$/g, '')
          .split('|')
          .map((c) => c.trim());
        if (!cells.every((c) => /^:?-+:?$/.test(c))) rows.push(cells);
        i++;
      }
      const [head, ...body] = rows;
      out.push(
        <table key={key()}>
          <thead>
            <tr>
              {(head ?? []).map((c, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static content
                <th key={n}>{inline(c, base, `th${n}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((r, rn) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static content
              <tr key={rn}>
                {r.map((c, n) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: static content
                  <td key={n}>{inline(c, base, `td${rn}-${n}`)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>,
      );
      continue;
    }
    if (trimmed.startsWith('>')) {
      const quote: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('>'))
        quote.push((lines[i++] ?? '').trim().replace(/^>\s?/, ''));
      out.push(<blockquote key={key()}>{blocks(quote, base, `${keyPrefix}-q${k}`)}</blockquote>);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length) {
      const l = (lines[i] ?? '').trim();
      if (l === '' || /^(#{1,4}\s|```|:::|\||>)/.test(l) || /^(?:[-*+]|\d+\.)\s/.test(l)) break;
      para.push(l);
      i++;
    }
    if (para.length === 0) {
      i++;
      continue;
    }
    out.push(<p key={key()}>{inline(para.join(' '), base, `p${k}`)}</p>);
  }
  return out;
}

/** Renders a Markdown document; `base` is its URL path (for relative links and images). */
export function Markdown({ source, base }: { source: string; base: string }) {
  const body = source.replace(/^---\n[\s\S]*?\n---\n/, '');
  return <Fragment>{blocks(body.split('\n'), base, 'md')}</Fragment>;
}
