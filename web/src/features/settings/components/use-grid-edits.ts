import { useState } from 'react';

/**
 * The cells typed into a grid (targets, spend), by key, and what its last action said. Whether
 * anything is unsaved goes up to the tab, which asks before leaving the quarter or year.
 */
export function useGridEdits(onDirty: (dirty: boolean) => void, save: { reset: () => void }) {
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  return {
    edits,
    notice,
    setNotice,
    edit: (key: string, text: string) => {
      setNotice(null);
      setEdits((e) => ({ ...e, [key]: text }));
      onDirty(true);
    },
    /** Cells filled in at once (last quarter's targets), still to be saved. */
    fill: (next: Record<string, string>, message: string) => {
      setEdits(next);
      onDirty(true);
      setNotice(message);
    },
    saved: (message: string) => {
      setEdits({});
      onDirty(false);
      setNotice(message);
    },
    discard: () => {
      setEdits({});
      onDirty(false);
      setNotice(null);
      save.reset();
    },
  };
}
