import type { ReactNode } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { SaveFooter } from './save-footer';

interface GridSaveFooterProps {
  /** The save failed: why, in place of everything else. */
  error: unknown;
  /** Cells that are not numbers, and how to type one (“not an amount: use digits, e.g. 1200”). */
  invalid: number;
  invalidHint: string;
  /** What the last action did (“Saved 4 targets…”), good news in green. */
  notice: string | null;
  noticeIsGood: boolean;
  unsaved: number;
  /** Said when there is nothing else to say. */
  idle: ReactNode;
  canDiscard: boolean;
  onDiscard: () => void;
  pending: boolean;
  saveLabel: string;
  saveTestId: string;
  /** Buttons before Discard. */
  children?: ReactNode;
}

/** An editable grid's footer: what is unsaved or wrong, Discard, and Save. */
export function GridSaveFooter({
  error,
  invalid,
  invalidHint,
  notice,
  noticeIsGood,
  unsaved,
  idle,
  ...footer
}: GridSaveFooterProps) {
  return (
    <SaveFooter
      {...footer}
      canSave={unsaved > 0 && invalid === 0}
      status={
        error ? (
          <span className="status-bad">{errorMessage(error)}</span>
        ) : invalid > 0 ? (
          <span className="status-bad">
            {invalid} {invalid === 1 ? 'cell is' : 'cells are'} {invalidHint}
          </span>
        ) : notice ? (
          <span className={noticeIsGood ? 'status-good' : undefined}>{notice}</span>
        ) : unsaved > 0 ? (
          `${unsaved} unsaved ${unsaved === 1 ? 'change' : 'changes'}`
        ) : (
          idle
        )
      }
    />
  );
}
