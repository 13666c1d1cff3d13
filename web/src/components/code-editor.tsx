/**
 * A lightweight JavaScript editor for property mappings: a plain <textarea> (so typing, undo,
 * selection and screen readers behave natively) over a syntax-highlighted copy of its text,
 * beside a line-number gutter that marks the line of the last error.
 */
import { type KeyboardEvent, type ReactNode, useMemo, useRef } from 'react';

const KEYWORDS = new Set(
  'break case catch class const continue default delete do else export extends finally for function if in instanceof let new of return switch this throw try typeof var void while yield null undefined true false'.split(
    ' ',
  ),
);
const BUILTINS = new Set([
  'user',
  'group',
  'provider',
  'connection',
  'SkipObject',
  'slugify',
  'mailNicknameFrom',
  'regexMatch',
  'regexReplace',
  'listFlatten',
  'isGroupMember',
  'randomPassword',
  'log',
  'logger',
]);

const TOKEN =
  /(\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\.)*`?)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_$][\w$]*)|([{}()[\];,.:?!=<>+\-*/%&|^~]+)/g;

/** Splits JavaScript source into highlighted spans (a tokenizer good enough for colouring). */
export function highlight(source: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let i = 0;
  for (const m of source.matchAll(TOKEN)) {
    const index = m.index ?? 0;
    if (index > last) out.push(source.slice(last, index));
    const [text, comment, string, number, word] = m;
    let cls = 'tok-punct';
    if (comment) cls = 'tok-comment';
    else if (string) cls = 'tok-string';
    else if (number) cls = 'tok-number';
    else if (word) cls = KEYWORDS.has(word) ? 'tok-keyword' : BUILTINS.has(word) ? 'tok-builtin' : '';
    out.push(
      cls ? (
        <span key={i++} className={cls}>
          {text}
        </span>
      ) : (
        text
      ),
    );
    last = index + text.length;
  }
  if (last < source.length) out.push(source.slice(last));
  return out;
}

export function CodeEditor({
  id,
  value,
  onChange,
  errorLine,
  ariaLabel,
  describedBy,
  readOnly,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  errorLine?: number | null;
  ariaLabel?: string;
  describedBy?: string;
  readOnly?: boolean;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const lines = value.split('\n').length;
  const highlighted = useMemo(() => highlight(value), [value]);
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Tab indents; Escape then Tab leaves the editor (keyboard users are never trapped).
    if (
      e.key === 'Tab' &&
      !e.shiftKey &&
      !e.altKey &&
      !e.ctrlKey &&
      !e.metaKey &&
      ref.current?.dataset.escaped !== 'true'
    ) {
      e.preventDefault();
      const el = e.currentTarget;
      const { selectionStart, selectionEnd } = el;
      const next = `${value.slice(0, selectionStart)}  ${value.slice(selectionEnd)}`;
      onChange(next);
      requestAnimationFrame(() => el.setSelectionRange(selectionStart + 2, selectionStart + 2));
    }
    if (ref.current) ref.current.dataset.escaped = e.key === 'Escape' ? 'true' : 'false';
  };
  return (
    <div className="cd-editor">
      <div className="cd-editor__gutter" aria-hidden="true">
        {Array.from({ length: lines }, (_, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the line number is the row's identity
          <div key={n} className={errorLine === n + 1 ? 'is-error' : undefined}>
            {n + 1}
          </div>
        ))}
      </div>
      <div className="cd-editor__area">
        <pre aria-hidden="true">
          {highlighted}
          {'\n'}
        </pre>
        <textarea
          ref={ref}
          id={id}
          value={value}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          readOnly={readOnly}
          aria-label={ariaLabel}
          aria-describedby={describedBy}
          onKeyDown={onKeyDown}
          onChange={(e) => onChange(e.target.value)}
          rows={lines + 1}
        />
      </div>
    </div>
  );
}
