import { type ReactNode, useId } from 'react';

/** A titled group of settings, with the sentence that says what they change. */
export function SettingsSection({
  title,
  text,
  children,
}: {
  title: string;
  text: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <header className="settings-section-head">
        <h2 id={id} className="settings-section-title">
          {title}
        </h2>
        <p className="settings-section-text">{text}</p>
      </header>
      <div className="settings-rows">{children}</div>
    </section>
  );
}

/** One setting: its label and help on the left, its control (and what is wrong with it) on the right. */
export function SettingRow({
  label,
  htmlFor,
  help,
  error,
  children,
}: {
  label: string;
  htmlFor?: string;
  help: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="setting-row">
      <div className="setting-text">
        {htmlFor ? (
          <label htmlFor={htmlFor} className="setting-label">
            {label}
          </label>
        ) : (
          <span className="setting-label">{label}</span>
        )}
        <p className="setting-help">{help}</p>
      </div>
      <div className="setting-input">
        {children}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

interface NumberSettingProps {
  label: string;
  help: ReactNode;
  value: string;
  unit: string;
  /** What a valid value is, shown while the typed one is not. */
  problem?: string;
  onChange: (value: string) => void;
}

/** A setting that is a whole number of some unit (hours, days), typed with the unit beside it. */
export function NumberSetting({ label, help, value, unit, problem, onChange }: NumberSettingProps) {
  const id = useId();
  const invalid = problem !== undefined;
  return (
    <SettingRow label={label} htmlFor={id} help={help} error={problem}>
      <span className={invalid ? 'unit-input is-invalid' : 'unit-input'}>
        <input
          id={id}
          className="unit-input-field"
          inputMode="numeric"
          value={value}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        <span className="unit-input-unit" aria-hidden="true">
          {unit}
        </span>
      </span>
    </SettingRow>
  );
}
