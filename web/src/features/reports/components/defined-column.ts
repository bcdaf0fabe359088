import type { ReactNode } from 'react';
import { definitions } from '../../../lib/definitions';
import type { FigureColumn } from './shared-figure-table';

type Defined = keyof typeof definitions;

/** The fields of `F` that hold a figure with a definition of the same name. */
type DefinedFigure<F> = {
  [K in keyof F]: F[K] extends number | null ? (K extends Defined ? K : never) : never;
}[keyof F];

/** A column of one defined figure: its definition on the heading, each row's value in `format`. */
export function definedColumn<F>(
  key: string,
  label: string,
  figure: DefinedFigure<F>,
  format: (v: number | null) => ReactNode,
): FigureColumn<F> {
  return {
    key,
    label,
    title: definitions[figure as Defined],
    cell: (f) => format(f[figure] as number | null),
  };
}
