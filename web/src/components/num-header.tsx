import type { ReactNode } from 'react';

/** A figure column's heading: right-aligned like its figures, its definition on hover. */
export function NumHeader({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <th scope="col" className="num" title={title}>
      {children}
    </th>
  );
}
