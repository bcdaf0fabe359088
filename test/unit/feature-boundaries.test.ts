import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defined } from '@salesready/db/defined';
import { expect, it } from 'vitest';

const features = fileURLToPath(new URL('../../web/src/features', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

const featureOf = (path: string) => relative(features, path).split(sep)[0];

// Each feature of the web app stands alone: it may use web/src/components and web/src/lib, never another
// feature. What two features share belongs in one of those (the signed-in user is lib/me.ts).
it('no feature of the web app imports another', () => {
  const crossings: string[] = [];
  for (const file of sources(features)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import\(?)\s*'(\.[^']+)'/g)) {
      const target = resolve(dirname(file), defined(match[1]));
      if (!target.startsWith(features + sep)) continue;
      if (featureOf(target) !== featureOf(file)) crossings.push(`${relative(features, file)} → ${match[1]}`);
    }
  }
  expect(crossings).toEqual([]);
});
