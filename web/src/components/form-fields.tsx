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
import type { ComponentProps, ReactNode } from 'react';
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
import { SearchSelect } from './search-select.js';

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

/** What a field needs from its props: its id, error and the props of the group around it. */
function useBound<T extends FieldValues, N extends FieldPath<T>>(props: BoundFieldProps<T, N>) {
  const id = props.id ?? props.name;
  const error = useFieldError(props.control, props.name);
  return {
    id,
    error,
    describedBy: `${id}-help`,
    validated: error ? ('error' as const) : ('default' as const),
    group: { id, label: props.label, isRequired: props.isRequired, error, help: props.help },
  };
}

type GroupProps = ReturnType<typeof useBound>['group'] & {
  children: ReactNode;
  role?: string;
  isStack?: boolean;
  isInline?: boolean;
};

/** The group around one input: label, the input, and its `Help` line. */
function FieldGroup({ id, error, help, children, ...rest }: GroupProps) {
  return (
    <FormGroup fieldId={id} {...rest}>
      {children}
      <Help id={`${id}-help`} error={error}>
        {help}
      </Help>
    </FormGroup>
  );
}

/** What a field registered with `register` takes besides the bound props. */
interface RegisteredProps<T extends FieldValues, N extends FieldPath<T>> {
  rules?: RegisterOptions<T, N>;
  /** Marked required, and empty is refused with "<label> is required." (added to `rules`). */
  required?: boolean;
}

/** `isRequired` and `rules`, with `required` turned into both. */
function requiredRules<T extends FieldValues, N extends FieldPath<T>>(
  props: BoundFieldProps<T, N> & RegisteredProps<T, N>,
): { isRequired?: boolean; rules?: RegisterOptions<T, N> } {
  if (!props.required) return { isRequired: props.isRequired, rules: props.rules };
  const rules = { ...props.rules, required: `${props.label} is required.` } as RegisterOptions<T, N>;
  return { isRequired: true, rules };
}

/** A text input (or, with `rows`, a text area) registered with the form. */
export function TextField<T extends FieldValues, N extends FieldPath<T>>(
  fieldProps: BoundFieldProps<T, N> &
    RegisteredProps<T, N> & {
      type?: 'text' | 'email' | 'url' | 'password' | 'datetime-local';
      placeholder?: string;
      autoComplete?: string;
      /** A multi-line text area of this many rows. */
      rows?: number;
    },
) {
  const props = { ...fieldProps, ...requiredRules<T, N>(fieldProps) };
  const { id, describedBy, validated, group } = useBound(props);
  const { control, name, rules, isRequired, placeholder, autoComplete, rows, type } = props;
  const input = { id, ...control.register(name, rules), isRequired, placeholder, validated, autoComplete };
  return (
    <FieldGroup {...group}>
      {rows ? (
        <TextArea {...input} rows={rows} resizeOrientation="vertical" aria-describedby={describedBy} />
      ) : (
        <TextInput {...input} type={type} aria-describedby={describedBy} />
      )}
    </FieldGroup>
  );
}

/** A number input registered with `valueAsNumber`. */
export function NumberField<T extends FieldValues, N extends FieldPath<T>>(
  fieldProps: BoundFieldProps<T, N> & RegisteredProps<T, N> & { min?: number },
) {
  const props = { ...fieldProps, ...requiredRules<T, N>(fieldProps) };
  const { id, describedBy, validated, group } = useBound(props);
  const rules = { ...props.rules, valueAsNumber: true } as RegisterOptions<T, N>;
  return (
    <FieldGroup {...group}>
      <TextInput
        id={id}
        type="number"
        min={props.min}
        {...props.control.register(props.name, rules)}
        validated={validated}
        aria-describedby={describedBy}
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
export function SelectField<T extends FieldValues, N extends FieldPath<T>>(
  props: BoundFieldProps<T, N> & {
    options: Array<FieldOption<FieldPathValue<T, N>>>;
    toOption?: (value: FieldPathValue<T, N>) => string;
    fromOption?: (option: string) => FieldPathValue<T, N>;
  },
) {
  const { id, describedBy, validated, group } = useBound(props);
  const { toOption = String, fromOption = (v: string) => v as FieldPathValue<T, N> } = props;
  return (
    <FieldGroup {...group}>
      <Controller
        control={props.control}
        name={props.name}
        render={({ field }) => (
          <FormSelect
            id={id}
            value={toOption(field.value)}
            onChange={(_e, v) => field.onChange(fromOption(v))}
            aria-describedby={describedBy}
            validated={validated}
          >
            {props.options.map((o) => (
              <FormSelectOption key={toOption(o.value)} value={toOption(o.value)} label={o.label} />
            ))}
          </FormSelect>
        )}
      />
    </FieldGroup>
  );
}

/** Radio buttons over fixed options, in a labelled radio group. */
export function RadioField<T extends FieldValues, N extends FieldPath<T>>(
  props: BoundFieldProps<T, N> & { options: Array<FieldOption<FieldPathValue<T, N>>>; isInline?: boolean },
) {
  const { id, group } = useBound(props);
  return (
    <FieldGroup {...group} role="radiogroup" isStack={!props.isInline} isInline={props.isInline}>
      <Controller
        control={props.control}
        name={props.name}
        render={({ field }) => (
          <>
            {props.options.map((o) => (
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
export function SwitchField<T extends FieldValues, N extends FieldPath<T>>(
  props: BoundFieldProps<T, N> & {
    /**
     * PatternFly names a switch through its aria-hidden label, which axe does not count as a visible
     * label when the switch is off: give the same text here where that matters.
     */
    ariaLabel?: string;
    checkbox?: boolean;
  },
) {
  const { id, error, describedBy, group } = useBound(props);
  const Toggle = props.checkbox ? Checkbox : Switch;
  return (
    // The switch carries the label: the group has none.
    <FieldGroup {...group} label={undefined} isRequired={undefined}>
      <Controller
        control={props.control}
        name={props.name}
        render={({ field }) => (
          <Toggle
            id={id}
            label={props.label}
            aria-label={props.ariaLabel}
            isChecked={field.value}
            onChange={(_e, v) => field.onChange(v)}
            aria-describedby={props.help || error ? describedBy : undefined}
          />
        )}
      />
    </FieldGroup>
  );
}

/** A multi-select of checkboxes for an array field, in a labelled group. */
export function CheckListField<T extends FieldValues, N extends FieldPath<T>, V extends string | number>(
  props: BoundFieldProps<T, N> & { label: string; options: Array<CheckOption<V>>; emptyText?: ReactNode },
) {
  const { id, error, describedBy, group } = useBound(props);
  return (
    <FieldGroup {...group} role="group" isStack>
      <Controller
        control={props.control}
        name={props.name}
        render={({ field }) => (
          <CheckList
            id={id}
            label={props.label}
            options={props.options}
            value={field.value}
            onChange={field.onChange}
            emptyText={props.emptyText}
            describedBy={props.help || error ? describedBy : undefined}
          />
        )}
      />
    </FieldGroup>
  );
}

/** A `SearchSelect` over an API list for a nullable id field. */
export function SearchSelectField<T extends FieldValues, N extends FieldPath<T>>(
  props: BoundFieldProps<T, N> & Omit<ComponentProps<typeof SearchSelect>, 'id' | 'value' | 'onChange'>,
) {
  const { id, error, describedBy, group } = useBound(props);
  const { control, name, label, help, isRequired, id: _id, ...select } = props;
  return (
    <FieldGroup {...group}>
      <Controller
        control={control}
        name={name}
        render={({ field }) => (
          <SearchSelect
            {...select}
            id={id}
            value={field.value}
            onChange={(v) => field.onChange(v)}
            isInvalid={!!error}
            describedBy={describedBy}
          />
        )}
      />
    </FieldGroup>
  );
}

/**
 * A select whose value the page holds (outside a react-hook-form form): label, the select, and its
 * `Help` line (`<id>-help`), which shows `error` when there is one.
 */
export function SelectGroup({
  id,
  label,
  value,
  onChange,
  options,
  help,
  error,
  isRequired,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  help?: ReactNode;
  error?: string;
  isRequired?: boolean;
}) {
  const helpId = `${id}-help`;
  return (
    <FormGroup label={label} fieldId={id} isRequired={isRequired}>
      <FormSelect
        id={id}
        value={value}
        validated={error ? 'error' : 'default'}
        aria-describedby={help || error ? helpId : undefined}
        onChange={(_e, v) => onChange(v)}
      >
        {options.map((o) => (
          <FormSelectOption key={o.value} value={o.value} label={o.label} />
        ))}
      </FormSelect>
      <Help id={helpId} error={error}>
        {help}
      </Help>
    </FormGroup>
  );
}
