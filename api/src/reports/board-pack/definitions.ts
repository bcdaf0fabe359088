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

/** What a closed quarter's pack prints none of, so defines none of: the projection and its pace. */
const projectionOnly = (term: string) =>
  term.startsWith('Projected ') ||
  ['Expected to date', 'Pacing', 'Range (P10–P90)', 'Track record'].includes(term);

export function definitionGroups(closed = false): DefinitionGroup[] {
  const groups = new Map<string, Definition[]>();
  for (const entry of figureCatalogue) {
    // Next quarter's starting pipeline is projected from an open quarter only.
    if (closed && (projectionOnly(entry.label) || entry.id.startsWith('nextQuarter.'))) continue;
    const items = groups.get(entry.section) ?? [];
    items.push({ term: entry.label, text: (closed && entry.closedDefinition) || entry.definition });
    groups.set(entry.section, items);
  }
  return [
    ...[...groups].map(([title, items]) => ({ title, items })),
    {
      title: 'Terms',
      items: glossary
        .filter((g) => !closed || !projectionOnly(g.term))
        .map((g) => ({ term: g.term, text: g.text })),
    },
  ];
}
