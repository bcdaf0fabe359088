import type { Rng } from './random';

// Fake company names from word lists: 12,000 combinations, so larger seeds repeat some
// companies, as a real CRM does (several leads from one account).
const prefixes = (
  'North Blue Bright Iron Silver Cedar Granite Harbor Summit Maple Red Swift Clear Open True ' +
  'Green High Stone Sun West Pine Oak River Falcon Nova Atlas Polar Copper Amber Lumen'
).split(' ');

const roots = (
  'wind field gate point bridge line path peak wave forge ' +
  'light stack works view ridge leaf cloud spring ware loop'
).split(' ');

const trades = (
  'Analytics Logistics Health Systems Labs Foods Energy Software Capital Robotics Media Retail ' +
  'Manufacturing Insurance Networks Biotech Consulting Mobility Security Materials'
).split(' ');

export function companyName(rng: Rng, suffixes: readonly string[]): string {
  const name = `${rng.pick(prefixes)}${rng.pick(roots)} ${rng.pick(trades)}`;
  // Some CRM records carry the legal suffix, some do not.
  return rng.chance(0.6) ? `${name} ${rng.pick(suffixes)}` : name;
}
