/**
 * A multi-select shown as a group of checkboxes, inside a `FormGroup role="group"` that labels it (with a filter box for long lists):
 * every option is reachable with Tab/Space and read out with its name, unlike a custom listbox.
 */
import { Checkbox, SearchInput } from '@patternfly/react-core';
import { type ReactNode, useId, useState } from 'react';

export interface CheckOption<V extends string | number> {
  value: V;
  label: string;
  description?: ReactNode;
}

export function CheckList<V extends string | number>({
  id,
  label,
  options,
  value,
  onChange,
  emptyText = 'Nothing to choose from.',
  describedBy,
}: {
  id: string;
  label: string;
  options: Array<CheckOption<V>>;
  value: V[];
  onChange: (next: V[]) => void;
  emptyText?: ReactNode;
  describedBy?: string;
}) {
  const [filter, setFilter] = useState('');
  const uid = useId();
  const shown = filter
    ? options.filter((o) => o.label.toLowerCase().includes(filter.toLowerCase()))
    : options;
  return (
    // The surrounding FormGroup (role="group") names the list; this element only holds the options.
    <div id={id} aria-describedby={describedBy}>
      {options.length > 8 && (
        <SearchInput
          aria-label={`Filter ${label}`}
          placeholder="Filter…"
          value={filter}
          onChange={(_e, v) => setFilter(v)}
          onClear={() => setFilter('')}
          className="pf-v6-u-mb-sm"
        />
      )}
      <div className="cd-checklist">
        {options.length === 0 && <div>{emptyText}</div>}
        {shown.map((o) => (
          <Checkbox
            key={o.value}
            id={`${uid}-${id}-${o.value}`}
            label={o.label}
            description={o.description}
            isChecked={value.includes(o.value)}
            onChange={(_e, checked) =>
              onChange(checked ? [...value, o.value] : value.filter((v) => v !== o.value))
            }
          />
        ))}
      </div>
      <div className="pf-v6-u-font-size-sm pf-v6-u-mt-xs" aria-live="polite">
        {value.length} selected
      </div>
    </div>
  );
}
