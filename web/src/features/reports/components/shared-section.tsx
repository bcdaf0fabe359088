import type { ReactNode } from 'react';
import { CardHeader } from '../../../components/card-header';
import type { SharedPack } from '../api/get-shared-pack';
import { type CommentarySection, commentaryFor } from './shared-figures';

/** The page's sections, in order, one per commentary section: the anchor the contents link to, and the heading. */
export const sharedSections = {
  summary: { id: 'shared-summary', title: 'Executive summary' },
  sources: { id: 'shared-sources', title: 'Sources' },
  funnel: { id: 'shared-funnel', title: 'Funnel' },
  speed: { id: 'shared-speed', title: 'Time to sales-ready' },
  cohorts: { id: 'shared-cohorts', title: 'Cohorts' },
  handoff: { id: 'shared-handoff', title: 'Hand-off health' },
} as const satisfies Record<CommentarySection, { id: string; title: string }>;

interface SharedSectionProps {
  section: CommentarySection;
  pack: SharedPack;
  /** What the section counts, in the words the PDF uses. */
  intro: ReactNode;
  children: ReactNode;
}

/**
 * One section of the shared board pack: a card with its heading, scope and the executives'
 * commentary, shown above its figures as in the PDF.
 */
export function SharedSection({ section, pack, intro, children }: SharedSectionProps) {
  const { id, title } = sharedSections[section];
  const commentary = commentaryFor(pack, section);
  const headingId = `${id}-title`;
  return (
    <section className="card shared-section" id={id} aria-labelledby={headingId} data-testid={id}>
      <CardHeader id={headingId} title={title} subtitle={intro} />
      {commentary && (
        <div className="shared-commentary">
          <h3 className="shared-commentary-title">Commentary</h3>
          <p className="commentary-text">{commentary}</p>
        </div>
      )}
      {children}
    </section>
  );
}

/** A heading inside a section, above a table or chart of its own. */
export function SubHeading({ id, children }: { id: string; children: ReactNode }) {
  return (
    <h3 id={id} className="shared-subheading">
      {children}
    </h3>
  );
}
