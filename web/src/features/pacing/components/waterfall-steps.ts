import type { WaterfallMovement } from '../api/get-waterfall';

export type WaterfallStep = 'starting' | WaterfallMovement | 'ending';

/**
 * The waterfall's bars, top to bottom, with the short name on the axis and the buttons; kept apart
 * from the chart so the card can list the movements without loading ECharts.
 */
export const waterfallSteps: { step: WaterfallStep; short: string; sign: 1 | -1 | 0 }[] = [
  { step: 'starting', short: 'Start', sign: 0 },
  { step: 'new', short: 'New', sign: 1 },
  { step: 'pulledIn', short: 'Pulled in', sign: 1 },
  { step: 'pushedOut', short: 'Pushed out', sign: -1 },
  { step: 'increased', short: 'Increased', sign: 1 },
  { step: 'decreased', short: 'Decreased', sign: -1 },
  { step: 'won', short: 'Won', sign: -1 },
  { step: 'lost', short: 'Lost', sign: -1 },
  { step: 'ending', short: 'End', sign: 0 },
];

/** The movements between start and end: the bars a deal can be listed under. */
export const waterfallMovements = waterfallSteps.flatMap((s) =>
  s.step === 'starting' || s.step === 'ending' ? [] : [{ movement: s.step, short: s.short, sign: s.sign }],
);
