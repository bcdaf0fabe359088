import { useSyncExternalStore } from 'react';
import type { SourceCategory } from '../../lib/filters';

/** Chart colours come from the stylesheet's variables, so light and dark themes stay in one place. */
export interface ChartTheme {
  /** The page's resolved font stack: ECharts measures text with it, so it must be a real family. */
  fontFamily: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  surface: string;
  border: string;
  series: [string, string, string, string];
  /** The categorical palette (Okabe–Ito), in order: sources take their colour from it. */
  palette: string[];
  /** One colour per source category, the same as the table's dots. */
  categories: Record<SourceCategory, string>;
  /** Attribution models: first touch, last touch, linear. */
  models: [string, string, string];
  /** Pacing: the actual line, the projection's range, and the tones of a gap. */
  accent: string;
  projected: string;
  range: string;
  bad: string;
  good: string;
}

const darkQuery = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(darkQuery);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

function isDark(): boolean {
  return window.matchMedia(darkQuery).matches;
}

const cache = new Map<boolean, ChartTheme>();

function readTheme(dark: boolean): ChartTheme {
  const cached = cache.get(dark);
  if (cached) return cached;
  const style = getComputedStyle(document.documentElement);
  const v = (name: string) => style.getPropertyValue(name).trim();
  const theme: ChartTheme = {
    fontFamily: getComputedStyle(document.body).fontFamily,
    text: v('--text'),
    muted: v('--text-muted'),
    grid: v('--chart-grid'),
    axis: v('--border-strong'),
    surface: v('--surface-raised'),
    border: v('--border'),
    series: [v('--chart-1'), v('--chart-2'), v('--chart-1-target'), v('--chart-2-target')],
    palette: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => v(`--palette-${n}`)),
    categories: {
      marketing: v('--cat-marketing'),
      sales: v('--cat-sales'),
      partner: v('--cat-partner'),
      other: v('--cat-other'),
    },
    models: [v('--model-first'), v('--model-last'), v('--model-linear')],
    accent: v('--accent'),
    projected: v('--bullet-projected'),
    range: v('--bullet-range'),
    bad: v('--bad'),
    good: v('--good'),
  };
  cache.set(dark, theme);
  return theme;
}

export function useChartTheme(): ChartTheme {
  const dark = useSyncExternalStore(subscribe, isDark, () => false);
  return readTheme(dark);
}
