import { type ComponentProps, type ReactNode, useId } from 'react';

interface LabelProps {
  label: ReactNode;
  /** `visually-hidden` where the control speaks for itself on screen. */
  labelClassName: string;
}

/** A select and the label that names it, tied by a generated id. */
export function LabelledSelect({
  label,
  labelClassName,
  children,
  ...select
}: Omit<ComponentProps<'select'>, 'id'> & LabelProps) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      <select id={id} {...select}>
        {children}
      </select>
    </>
  );
}

/** An input and the label that names it; `id` when something else must point at the input too. */
export function LabelledInput({ label, labelClassName, id, ...input }: ComponentProps<'input'> & LabelProps) {
  const ownId = useId();
  return (
    <>
      <label htmlFor={id ?? ownId} className={labelClassName}>
        {label}
      </label>
      <input id={id ?? ownId} {...input} />
    </>
  );
}
