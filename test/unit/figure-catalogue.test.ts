import { readFileSync } from 'node:fs';
import { figureCatalogue, glossary } from '@salesready/api/figures/catalogue';
import { catalogueMarkdown, catalogueStart } from '@salesready/api/figures/catalogue-markdown';
import { definitionGroups } from '@salesready/api/reports/board-pack/definitions';
import { defined } from '@salesready/db/defined';
import { describe, expect, it } from 'vitest';

describe('the figure catalogue', () => {
  it('gives every figure one id and one label, and no two figures the same label', () => {
    const ids = figureCatalogue.map((e) => e.id);
    const labels = figureCatalogue.map((e) => e.label.toLowerCase());
    expect(new Set(ids).size).toBe(ids.length);
    const repeated = labels.filter((l, i) => labels.indexOf(l) !== i);
    expect(repeated).toEqual([]);
    // A glossary term is not a figure's label under another meaning.
    for (const g of glossary) expect(labels, g.term).not.toContain(g.term.toLowerCase());
  });

  it('writes labels a CEO reads: sentence case, no lower-case abbreviations', () => {
    for (const e of figureCatalogue) {
      expect(e.label[0], e.id).toBe(defined(e.label[0]).toUpperCase());
      expect(`${e.label} ${e.definition}`, e.id).not.toMatch(/\b(srls?|mqls?|bant)\b/);
      expect(e.definition.endsWith('.'), e.id).toBe(true);
    }
  });

  it('is what docs/metrics.md shows (run `pnpm docs:figures` after changing it)', () => {
    const docs = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
    expect(docs).toContain(catalogueStart);
    expect(docs).toContain(catalogueMarkdown());
  });

  it('is the board pack appendix, figure by figure and term by term', () => {
    const items = definitionGroups().flatMap((g) => g.items);
    expect(items).toHaveLength(figureCatalogue.length + glossary.length);
    for (const e of figureCatalogue) expect(items).toContainEqual({ term: e.label, text: e.definition });
  });
});
