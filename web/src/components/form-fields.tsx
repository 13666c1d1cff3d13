/**
 * Form fields bound to react-hook-form: each takes the form's `control` and a field `name`, and
 * renders the PatternFly group every form repeats — label, input, and one `Help` line below that
 * shows the field's help or, once there is one, its error (announced, and linked to the input by
 * `aria-describedby`). Inputs keep their native `register` binding, so the first field in error
 * takes the focus and `valueAsNumber` works as in a plain form.
 */
import {
  Checkbox,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Radio,
  Switch,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import {
  type Control,
  Controller,
  type FieldError,
  type FieldPath,
  type FieldPathValue,
  type FieldValues,
  get,
  type RegisterOptions,
  useFormState,
} from 'react-hook-form';
import { CheckList, type CheckOption } from './check-list.js';

/**
 * The line under a field: its error when it has one (announced), otherwise its help. Renders nothing
 * when there is neither.
 */
export function Help({ id, error, children }: { id?: string; error?: string; children?: ReactNode }) {
  if (!error && !children) return null;
  return (
    <FormHelperText>
      <HelperText id={id}>
        {error ? (
          <HelperTextItem variant="error" role="alert">
            {error}
          </HelperTextItem>
        ) : (
          <HelperTextItem>{children}</HelperTextItem>
        )}
      </HelperText>
    </FormHelperText>
  );
}

/** What every bound field takes. `id` defaults to the field name; the help line is `<id>-help`. */
export interface BoundFieldProps<T extends FieldValues, N extends FieldPath<T>> {
  control: Control<T>;
  name: N;
  label?: string;
  help?: ReactNode;
  id?: string;
  isRequired?: boolean;
}

/** The current error message of one field (re-renders when it changes). */
export function useFieldError<T extends FieldValues>(
  control: Control<T>,
  name: FieldPath<T>,
): string | undefined {
  const { errors } = useFormState({ control, name });
  const error: FieldError | undefined = get(errors, name);
  return error?.message;
}

/** The group around one input: label, the input, and its `Help` line. */
function FieldGroup({
  id,
  label,
  isRequired,
  error,
  help,
  children,
  role,
  isStack,
  isInline,
}: {
  id: string;
  label?: string;
  isRequired?: boolean;
  error?: string;
  help?: ReactNode;
  children: ReactNode;
  role?: string;
  isStack?: boolean;
  isInline?: boolean;
}) {
  return (
    <FormGroup
      label={label}
      isRequired={isRequired}
      fieldId={id}
      role={role}
      isStack={isStack}
      isInline={isInline}
    >
      {children}
      <Help id={`${id}-help`} error={error}>
        {help}
      </Help>
    </FormGroup>
  );
}

/** A text input (or, with `rows`, a text area) registered with the form. */
export function TextField<T extends FieldValues, N extends FieldPath<T>>({
  control,
  name,
  label,
  help,
  id = name,
  isRequired,
  rules,
  type,
  placeholder,
  autoComplete,
  rows,
}: BoundFieldProps<T, N> & {
  rules?: RegisterOptions<T, N>;
  type?: 'text' | 'email' | 'url' | 'password' | 'datetime-local';
  placeholder?: string;
  autoComplete?: string;
  /** A multi-line text area of this many rows. */
  rows?: number;
}) {
  const error = useFieldError(control, name);
  const common = {
    id,
    ...control.register(name, rules),
    isRequired,
    placeholder,
    validated: error ? ('error' as const) : ('default' as const),
    'aria-describedby': `${id}-help`,
    autoComplete,
  };
  return (
    <FieldGroup id={id} label={label} isRequired={isRequired} error={error} help={help}>
      {rows ? (
        <TextArea {...common} rows={rows} resizeOrientation="vertical" />
      ) : (
        <TextInput {...common} type={type} />
      )}
    </FieldGroup>
  );
}

/** A number input registered with `valueAsNumber`. */
export function NumberField<T extends FieldValues, N extends FieldPath<T>>({
  control,
  name,
  label,
  help,
  id = name,
  isRequired,
  rules,
  min,
}: BoundFieldProps<T, N> & { rules?: RegisterOptions<T, N>; min?: number }) {
  const error = useFieldError(control, name);
  return (
    <FieldGroup id={id} label={label} isRequired={isRequired} error={error} help={help}>
      <TextInput
        id={id}
        type="number"
        min={min}
        {...control.register(name, { ...rules, valueAsNumber: true } as RegisterOptions<T, N>)}
        validated={error ? 'error' : 'default'}
        aria-describedby={`${id}-help`}
      />
    </FieldGroup>
  );
}

/** One option of a `SelectField` or a `RadioField`. */
export interface FieldOption<V> {
  value: V;
  label: string;
  description?: string;
  disabled?: boolean;
}

/**
 * A select over fixed options. `toOption`/`fromOption` convert values that are not strings (a
 * nullable number becomes `''` for "none").
 */
export function SelectField<T extends FieldValues, N extends FieldPath<T>>({
  control,
  name,
  label,
  help,
  id = name,
  isRequired,
  options,
  toOption = String,
  fromOption = (v) => v as FieldPathValue<T, N>,
}: BoundFieldProps<T, N> & {
  options: Array<FieldOption<FieldPathValue<T, N>>>;
  toOption?: (value: FieldPathValue<T, N>) => string;
  fromOption?: (option: string) => FieldPathValue<T, N>;
}) {
  const error = useFieldError(control, name);
  return (
    <FieldGroup id={id} label={label} isRequired={isRequired} error={error} help={help}>
      <Controller
        control={control}
        name={name}
        render={({ field }) => (
          <FormSelect
            id={id}
            value={toOption(field.value)}
            onChange={(_e, v) => field.onChange(fromOption(v))}
            aria-describedby={`${id}-help`}
            validated={error ? 'error' : 'default'}
          >
            {options.map((o) => (
              <FormSelectOption key={toOption(o.value)} value={toOption(o.value)} label={o.label} />
            ))}
          </FormSelect>
        )}
      />
    </FieldGroup>
  );
}

/** Radio buttons over fixed options, in a labelled radio group. */
export function RadioField<T extends FieldValues, N extends FieldPath<T>>({
  control,
  name,
  label,
  help,
  id = name,
  isRequired,
  options,
  isInline,
}: BoundFieldProps<T, N> & { options: Array<FieldOption<FieldPathValue<T, N>>>; isInline?: boolean }) {
  const error = useFieldError(control, name);
  return (
    <FieldGroup
      id={id}
      label={label}
      isRequired={isRequired}
      error={error}
      help={help}
      role="radiogroup"
      isStack={!isInline}
      isInline={isInline}
    >
      <Controller
        control={control}
        name={name}
        render={({ field }) => (
          <>
            {options.map((o) => (
              <Radio
                key={String(o.value)}
                id={`${id}-${String(o.value)}`}
                name={id}
                label={o.label}
                description={o.description}
                isChecked={field.value === o.value}
                isDisabled={o.disabled}
                onChange={() => field.onChange(o.value)}
              />
            ))}
          </>
        )}
      />
    </FieldGroup>
  );
}

/** An on/off switch (or, with `checkbox`, a checkbox) for a boolean field; its label is the switch's. */
export function SwitchField<T extends FieldValues, N extends FieldPath<T>>({
  control,
  name,
  label,
  help,
  id = name,
  ariaLabel,
  checkbox,
}: BoundFieldProps<T, N> & {
  /**
   * PatternFly names a switch through its aria-hidden label, which axe does not count as a visible
   * label when the switch is off: give the same text here where that matters.
   */
  ariaLabel?: string;
  checkbox?: boolean;
}) {
  const error = useFieldError(control, name);
  return (
    <FieldGroup id={id} error={error} help={help}>
      <Controller
        control={control}
        name={name}
        render={({ field }) =>
          checkbox ? (
            <Checkbox
              id={id}
              label={label}
              isChecked={field.value}
              onChange={(_e, v) => field.onChange(v)}
              aria-describedby={help || error ? `${id}-help` : undefined}
            />
          ) : (
            <Switch
              id={id}
              label={label}
              aria-label={ariaLabel}
              isChecked={field.value}
              onChange={(_e, v) => field.onChange(v)}
              aria-describedby={help || error ? `${id}-help` : undefined}
            />
          )
        }
      />
    </FieldGroup>
  );
}

/** A multi-select of checkboxes for an array field, in a labelled group. */
export function CheckListField<T extends FieldValues, N extends FieldPath<T>, V extends string | number>({
  control,
  name,
  label,
  help,
  id = name,
  options,
  emptyText,
}: BoundFieldProps<T, N> & { label: string; options: Array<CheckOption<V>>; emptyText?: ReactNode }) {
  const error = useFieldError(control, name);
  return (
    <FieldGroup id={id} label={label} error={error} help={help} role="group" isStack>
      <Controller
        control={control}
        name={name}
        render={({ field }) => (
          <CheckList
            id={id}
            label={label}
            options={options}
            value={field.value}
            onChange={field.onChange}
            emptyText={emptyText}
            describedBy={help || error ? `${id}-help` : undefined}
          />
        )}
      />
    </FieldGroup>
  );
}
