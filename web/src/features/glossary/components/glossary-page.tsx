import { type FigureEntry, figureCatalogue, glossary } from '@salesready/api/figures/catalogue';
import { useEffect } from 'react';
import { useLocation } from '../../../lib/router';
import '../glossary.css';

const units: Record<FigureEntry['unit'], string> = {
  count: 'a count',
  rate: 'a share',
  currency: 'an amount',
  days: 'a duration',
  ratio: 'a number',
};
const bases: Record<FigureEntry['basis'], string> = {
  period: 'counted when it happened',
  cohort: 'of the period’s leads, followed to today',
  snapshot: 'as it stands at the end of the period',
};

/** Every figure the product shows, one name and one meaning each, and the terms beside them. */
export function GlossaryPage() {
  // The figure an info icon opened (`#figure-<id>`): marked, and scrolled to once the page is drawn.
  const opened = useLocation().hash.slice(1);
  useEffect(() => {
    if (opened) document.getElementById(opened)?.scrollIntoView({ block: 'center' });
  }, [opened]);
  const sections = new Map<string, FigureEntry[]>();
  for (const entry of figureCatalogue)
    sections.set(entry.section, [...(sections.get(entry.section) ?? []), entry]);
  return (
    <div className="page">
      <header className="page-header">
        <div className="page-heading">
          <h1 className="page-title">Glossary</h1>
          <p className="page-subtitle">
            Every figure carries one name and one meaning, the same on every screen, export, board pack and
            share link.
          </p>
        </div>
      </header>
      <div className="glossary">
        {[...sections].map(([section, entries]) => (
          <section key={section} className="card glossary-section" aria-labelledby={slug(section)}>
            <h2 id={slug(section)} className="glossary-heading">
              {section}
            </h2>
            <dl className="glossary-list">
              {entries.map((entry) => (
                <div
                  key={entry.id}
                  id={`figure-${entry.id}`}
                  className={opened === `figure-${entry.id}` ? 'glossary-item is-opened' : 'glossary-item'}
                  data-testid="glossary-figure"
                >
                  <dt>{entry.label}</dt>
                  <dd>
                    {entry.definition}
                    {entry.closedDefinition && ` Once the quarter has ended: ${entry.closedDefinition}`}
                    <span className="glossary-meta">
                      {units[entry.unit]}, {bases[entry.basis]}
                    </span>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section className="card glossary-section" aria-labelledby="terms">
          <h2 id="terms" className="glossary-heading">
            Terms
          </h2>
          <dl className="glossary-list">
            {glossary.map((g) => (
              <div key={g.term} className="glossary-item">
                <dt>{g.term}</dt>
                <dd>{g.text}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </div>
  );
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
