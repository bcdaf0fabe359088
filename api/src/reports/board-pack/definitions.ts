import { figureCatalogue, glossary } from '../../figures/catalogue';

/**
 * The board pack's definitions appendix: every catalogued figure under its section, then the terms they
 * rely on, in the catalogue's words (the same as the app's tooltips and docs/metrics.md's catalogue).
 */
export interface Definition {
  term: string;
  text: string;
}

export interface DefinitionGroup {
  title: string;
  items: Definition[];
}

export function definitionGroups(): DefinitionGroup[] {
  const groups = new Map<string, Definition[]>();
  for (const entry of figureCatalogue) {
    const items = groups.get(entry.section) ?? [];
    items.push({ term: entry.label, text: entry.definition });
    groups.set(entry.section, items);
  }
  return [
    ...[...groups].map(([title, items]) => ({ title, items })),
    { title: 'Terms', items: glossary.map((g) => ({ term: g.term, text: g.text })) },
  ];
}
