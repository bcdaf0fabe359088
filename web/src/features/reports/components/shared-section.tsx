import type { ReactNode } from 'react';

interface SharedSectionProps {
  /** The anchor the page's contents link to. */
  id: string;
  title: string;
  /** What the section counts, in the words the PDF uses. */
  intro: ReactNode;
  /** The executives' commentary on the section, shown above its figures as in the PDF. */
  commentary: string | null;
  children: ReactNode;
}

/** One section of the shared board pack: a card with its heading, scope and commentary. */
export function SharedSection({ id, title, intro, commentary, children }: SharedSectionProps) {
  const headingId = `${id}-title`;
  return (
    <section className="card shared-section" id={id} aria-labelledby={headingId} data-testid={id}>
      <header className="card-header">
        <div>
          <h2 id={headingId} className="card-title">
            {title}
          </h2>
          <p className="card-subtitle">{intro}</p>
        </div>
      </header>
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
