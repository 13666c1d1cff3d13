/**
 * A searchable single select (PatternFly's typeahead pattern) over an API list: type to search,
 * arrow keys to move, Enter to choose, the × button to clear.
 */
import {
  Button,
  MenuToggle,
  type MenuToggleElement,
  Select,
  SelectList,
  SelectOption,
  TextInputGroup,
  TextInputGroupMain,
  TextInputGroupUtilities,
} from '@patternfly/react-core';
import { TimesIcon } from '@patternfly/react-icons';
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { groups as groupsApi, users as usersApi } from '../api/endpoints.js';
import { queryKeys } from '../api/queries/keys.js';
import { useDebounced } from './list-view.js';

export interface SelectChoice {
  value: string;
  label: string;
  description?: string;
}

export function SearchSelect({
  id,
  queryKey,
  search,
  value,
  onChange,
  resolveLabel,
  placeholder = 'Type to search…',
  ariaLabel,
  describedBy,
  isInvalid,
}: {
  id: string;
  queryKey: string;
  search: (text: string) => Promise<SelectChoice[]>;
  value: string | null;
  onChange: (value: string | null, choice: SelectChoice | null) => void;
  resolveLabel?: (value: string) => Promise<string>;
  placeholder?: string;
  ariaLabel?: string;
  describedBy?: string;
  isInvalid?: boolean;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const [text, setText] = useState('');
  const [typing, setTyping] = useState(false);
  const [focused, setFocused] = useState<number | null>(null);
  const [selectedLabel, setSelectedLabel] = useState<string>('');
  const inputRef = useRef<HTMLInputElement>(null);
  const debounced = useDebounced(typing ? text : '', 200);
  const options = useQuery({
    queryKey: queryKeys.searchSelect(queryKey, debounced),
    queryFn: () => search(debounced),
    enabled: isOpen,
  });
  const choices = options.data ?? [];
  const listId = `${id}-listbox`;

  // Resolve the label of the current value only when the value changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on value on purpose
  useEffect(() => {
    let cancelled = false;
    if (!value) {
      setSelectedLabel('');
      return;
    }
    const known = choices.find((c) => c.value === value);
    if (known) setSelectedLabel(known.label);
    else if (resolveLabel)
      resolveLabel(value)
        .then((l) => !cancelled && setSelectedLabel(l))
        .catch(() => !cancelled && setSelectedLabel(value));
    return () => {
      cancelled = true;
    };
  }, [value]);

  const shownText = typing ? text : selectedLabel;
  const choose = (choice: SelectChoice | null) => {
    onChange(choice?.value ?? null, choice);
    setSelectedLabel(choice?.label ?? '');
    setTyping(false);
    setText('');
    setIsOpen(false);
    setFocused(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!isOpen) setIsOpen(true);
      if (choices.length === 0) return;
      const delta = e.key === 'ArrowDown' ? 1 : -1;
      setFocused((f) =>
        f === null ? (delta > 0 ? 0 : choices.length - 1) : (f + delta + choices.length) % choices.length,
      );
    } else if (e.key === 'Enter') {
      if (isOpen && focused !== null && choices[focused]) {
        e.preventDefault();
        choose(choices[focused] ?? null);
      } else if (!isOpen) {
        e.preventDefault();
        setIsOpen(true);
      }
    } else if (e.key === 'Escape') {
      setIsOpen(false);
      setTyping(false);
    }
  };
  const activeId = focused !== null && choices[focused] ? `${id}-opt-${focused}` : undefined;

  const toggle = (toggleRef: React.Ref<MenuToggleElement>) => (
    <MenuToggle
      ref={toggleRef}
      variant="typeahead"
      aria-label={ariaLabel ? `${ariaLabel} menu` : 'Open menu'}
      onClick={() => {
        setIsOpen(!isOpen);
        inputRef.current?.focus();
      }}
      isExpanded={isOpen}
      isFullWidth
      status={isInvalid ? 'danger' : undefined}
    >
      <TextInputGroup isPlain>
        <TextInputGroupMain
          value={shownText}
          onClick={() => setIsOpen(true)}
          onChange={(_e, v) => {
            setText(v);
            setTyping(true);
            setIsOpen(true);
            setFocused(null);
          }}
          onKeyDown={onKeyDown}
          inputId={id}
          autoComplete="off"
          innerRef={inputRef}
          placeholder={placeholder}
          role="combobox"
          isExpanded={isOpen}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-label={ariaLabel}
          aria-describedby={describedBy}
          aria-invalid={isInvalid || undefined}
        />
        {(value || text) && (
          <TextInputGroupUtilities>
            <Button
              variant="plain"
              onClick={() => choose(null)}
              aria-label={`Clear ${ariaLabel ?? 'selection'}`}
              icon={<TimesIcon />}
            />
          </TextInputGroupUtilities>
        )}
      </TextInputGroup>
    </MenuToggle>
  );

  return (
    <Select
      id={`${id}-select`}
      isOpen={isOpen}
      selected={value ?? undefined}
      onSelect={(_e, v) => choose(choices.find((c) => c.value === v) ?? null)}
      onOpenChange={(open) => {
        if (!open) {
          setIsOpen(false);
          setTyping(false);
        }
      }}
      toggle={toggle}
      shouldFocusFirstItemOnOpen={false}
      shouldFocusToggleOnSelect={false}
    >
      <SelectList id={listId} aria-label={ariaLabel ? `${ariaLabel} options` : 'Options'}>
        {options.isLoading && <SelectOption isDisabled>Loading…</SelectOption>}
        {!options.isLoading && choices.length === 0 && <SelectOption isDisabled>No results</SelectOption>}
        {choices.map((c, i) => (
          <SelectOption
            key={c.value}
            value={c.value}
            id={`${id}-opt-${i}`}
            isFocused={focused === i}
            description={c.description}
          >
            {c.label}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
}

/** Up to 20 users matching the text, as choices. */
export async function searchUsers(text: string): Promise<SelectChoice[]> {
  const page = await usersApi.list({ search: text || undefined, page_size: 20, include_groups: false });
  return page.results.map((u) => ({ value: String(u.pk), label: u.username, description: u.name }));
}

/** Up to 20 groups matching the text, as choices. */
export async function searchGroups(text: string): Promise<SelectChoice[]> {
  const page = await groupsApi.list({ search: text || undefined, page_size: 20, include_users: false });
  return page.results.map((g) => ({ value: g.pk, label: g.name }));
}
