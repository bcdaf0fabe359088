import type { Delta } from '../lib/delta';

const arrows = { up: '▲', down: '▼', flat: '●' } as const;
const spoken = { up: 'up', down: 'down', flat: 'unchanged' } as const;

/** The change with its arrow, coloured by whether it is good news; the arrow is read out in words. */
export function DeltaBadge({ delta }: { delta: Delta }) {
  return (
    <span className={`delta delta-${delta.tone}`}>
      {delta.direction && (
        <>
          <span className="delta-arrow" aria-hidden="true">
            {arrows[delta.direction]}
          </span>
          <span className="visually-hidden">{spoken[delta.direction]} </span>
        </>
      )}
      {delta.text}
    </span>
  );
}
