import { useId, useState } from 'react';
import { CardHeader } from '../../../components/card-header';
import { ErrorState } from '../../../components/error-state';
import type { SharedPack } from '../api/get-shared-pack';
import { PackSections } from './pack-sections';
import { type CommentarySection, commentaryFor } from './shared-figures';
import { sharedSections } from './shared-section';

const order = Object.keys(sharedSections) as CommentarySection[];

/**
 * The pack's pages before downloading, one section at a time as the PDF prints it, from the same
 * figures (docs/decisions/0021). Editors see which sections have no commentary yet.
 */
export function PackPreview({
  pack,
  error,
  onRetry,
  showMissing,
}: {
  pack: SharedPack | undefined;
  error: unknown;
  onRetry: () => void;
  /** Flag the sections without commentary (for those who can write it). */
  showMissing: boolean;
}) {
  const [section, setSection] = useState<CommentarySection>('summary');
  const headingId = useId();
  const tabsId = useId();
  return (
    <section className="pack-preview" aria-labelledby={headingId} data-testid="pack-preview">
      <div className="card pack-preview-head">
        <CardHeader
          id={headingId}
          title="Preview"
          subtitle="The pack’s sections as the PDF prints them, with the commentary saved so far. The PDF adds a cover, the contents and the definitions."
        />
        <div className="tabs pack-preview-tabs" role="tablist" aria-label="Sections of the pack">
          {order.map((s) => {
            const missing = showMissing && pack !== undefined && !commentaryFor(pack, s);
            return (
              <button
                key={s}
                type="button"
                role="tab"
                id={`${tabsId}-${s}`}
                aria-selected={s === section}
                aria-controls={`${tabsId}-panel`}
                tabIndex={s === section ? 0 : -1}
                className="tab"
                onClick={() => setSection(s)}
                onKeyDown={(e) => {
                  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                  if (!step) return;
                  const next = order[(order.indexOf(s) + step + order.length) % order.length];
                  if (next === undefined) return;
                  setSection(next);
                  document.getElementById(`${tabsId}-${next}`)?.focus();
                }}
                data-testid={`pack-preview-tab-${s}`}
              >
                {sharedSections[s].title}
                {missing && (
                  <span className="commentary-flag is-dot tone-warn" title="No commentary yet">
                    <span className="visually-hidden">(no commentary yet)</span>
                  </span>
                )}
              </button>
            );
          })}
        </div>
      </div>
      <div
        id={`${tabsId}-panel`}
        role="tabpanel"
        aria-labelledby={`${tabsId}-${section}`}
        className="pack-preview-page"
        data-testid="pack-preview-page"
      >
        {pack ? (
          <>
            {showMissing && !commentaryFor(pack, section) && (
              <p className="commentary-flag-note" data-testid="pack-preview-missing">
                No commentary for this section yet: the PDF prints its figures without any.
              </p>
            )}
            <PackSections pack={pack} only={section} />
          </>
        ) : error ? (
          <ErrorState level={3} title="The preview could not be loaded" error={error} onRetry={onRetry} />
        ) : (
          <div className="card card-state" aria-busy="true">
            <span className="skeleton skeleton-text" />
          </div>
        )}
      </div>
    </section>
  );
}
