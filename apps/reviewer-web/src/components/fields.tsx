import { useId, type ReactNode } from 'react';
import { Checkbox, FieldError, Input, Label, Radio, RadioGroup, Text, TextArea, TextField } from 'react-aria-components';

interface TextProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Shown under the field and in its error state. */
  error?: string | null;
  description?: ReactNode;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'datetime-local' | 'search';
  isRequired?: boolean;
  autoFocus?: boolean;
  maxLength?: number;
  name?: string;
}

/** A labelled text box (or text area), its description and its error, from React Aria. */
export function TextInput({ label, value, onChange, error, description, multiline, rows = 3, type = 'text', ...rest }: TextProps) {
  return (
    <TextField
      className="field"
      value={value}
      onChange={onChange}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
      type={multiline ? undefined : type}
      {...rest}
    >
      <Label>{label}</Label>
      {multiline ? <TextArea rows={rows} /> : <Input />}
      {description ? <Text slot="description" className="field-description">{description}</Text> : null}
      <FieldError className="field-error">{error}</FieldError>
    </TextField>
  );
}

interface CheckProps {
  children: ReactNode;
  isSelected: boolean;
  onChange(selected: boolean): void;
  error?: string | null;
  value?: string;
}

export function CheckboxField({ children, isSelected, onChange, error, value }: CheckProps) {
  const errorId = useId();
  return (
    <div className="field">
      <Checkbox
        className="checkbox"
        isSelected={isSelected}
        onChange={onChange}
        isInvalid={Boolean(error)}
        value={value}
        aria-describedby={error ? errorId : undefined}
      >
        <span className="checkbox-box" aria-hidden="true" />
        <span>{children}</span>
      </Checkbox>
      {error ? <p id={errorId} className="field-error">{error}</p> : null}
    </div>
  );
}

interface SelectProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** [value, words]; the first option may be a prompt with the value "". */
  options: ReadonlyArray<readonly [string, string]>;
  error?: string | null;
  name?: string;
}

/**
 * The browser's own select: keyboard, screen readers and phones' pickers work as people expect,
 * and the option values are the API's names (EvidenceLevel, ReviewState, ids).
 */
export function SelectField({ label, value, onChange, options, error, name }: SelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map(([optionValue, words]) => (
          <option key={optionValue} value={optionValue}>
            {words}
          </option>
        ))}
      </select>
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : null}
    </div>
  );
}

interface RadioProps {
  label: string;
  value: string;
  onChange(value: string): void;
  options: ReadonlyArray<readonly [string, string]>;
}

export function RadioField({ label, value, onChange, options }: RadioProps) {
  return (
    <RadioGroup className="field radio-group" value={value} onChange={onChange}>
      <Label>{label}</Label>
      <div className="radio-options">
        {options.map(([optionValue, words]) => (
          <Radio key={optionValue} value={optionValue} className="radio">
            <span className="radio-dot" aria-hidden="true" />
            {words}
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}
