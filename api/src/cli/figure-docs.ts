import { readFileSync, writeFileSync } from 'node:fs';
import { withCatalogue } from '../figures/catalogue-markdown';

// Rewrites the figure catalogue section of docs/metrics.md from api/src/figures/catalogue.ts.
const path = new URL('../../../docs/metrics.md', import.meta.url);
writeFileSync(path, withCatalogue(readFileSync(path, 'utf8')));
console.log('docs/metrics.md: figure catalogue written');
