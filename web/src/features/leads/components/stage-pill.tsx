import { stageName } from '../../../lib/stages';

/** A lead's stage as a small coloured label. */
export function StagePill({ stage }: { stage: string }) {
  return <span className={`stage-pill stage-${stage}`}>{stageName(stage)}</span>;
}

const bantLetters = [
  { key: 'budget', letter: 'B', word: 'budget' },
  { key: 'authority', letter: 'A', word: 'authority' },
  { key: 'need', letter: 'N', word: 'need' },
  { key: 'timeframe', letter: 'T', word: 'timeframe' },
] as const;

/** BANT as four letters, the confirmed ones filled; with the flags when known, else the score alone. */
export function BantScore({
  score,
  flags,
}: {
  score: number;
  flags?: { budget: boolean; authority: boolean; need: boolean; timeframe: boolean };
}) {
  const on = (i: number, key: (typeof bantLetters)[number]['key']) => (flags ? flags[key] : i < score);
  const confirmed = bantLetters.filter((b, i) => on(i, b.key)).map((b) => b.word);
  const label = flags
    ? `BANT ${score} of 4${confirmed.length ? `: ${confirmed.join(', ')}` : ''}`
    : `BANT score ${score} of 4`;
  return (
    <span className="bant" role="img" aria-label={label} title={label}>
      {flags ? (
        bantLetters.map((b, i) => (
          <span key={b.key} className={on(i, b.key) ? 'bant-box is-on' : 'bant-box'}>
            {b.letter}
          </span>
        ))
      ) : (
        <>
          {bantLetters.map((b, i) => (
            <span key={b.key} className={i < score ? 'bant-pip is-on' : 'bant-pip'} />
          ))}
          <span className="bant-num">{score}/4</span>
        </>
      )}
    </span>
  );
}
