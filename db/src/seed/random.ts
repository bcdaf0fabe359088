/**
 * Seeded randomness for the demo data. Never Math.random: the same seed must give the
 * same rows, byte for byte.
 */

/** Mixes integers into one well-spread 32-bit seed (murmur3's finaliser after each step). */
import { defined } from '../defined';
export function hashSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for demo data; one instance per stream. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return defined(items[Math.floor(this.next() * items.length)]);
  }

  /** Standard normal (Box–Muller); 1 − u keeps the logarithm finite. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median; `spread` is σ of the logarithm (0.5 ≈ a p75 1.4× the median). */
  lognormal(median: number, spread: number): number {
    return median * Math.exp(spread * this.normal());
  }

  weighted<T>(choices: Weighted<T>): T {
    return defined(choices.items[bisect(choices.cumulative, this.next() * choices.total)]);
  }
}

/** A weighted choice, prepared once so each draw is a binary search. */
export interface Weighted<T> {
  items: readonly T[];
  cumulative: Float64Array;
  total: number;
}

export function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): Weighted<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, weight], i) => {
    total += weight;
    cumulative[i] = total;
  });
  return { items: entries.map(([item]) => item), cumulative, total };
}

/** First index whose cumulative weight exceeds `x` (clamped to the last index). */
export function bisect(cumulative: Float64Array, x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (defined(cumulative[mid]) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
