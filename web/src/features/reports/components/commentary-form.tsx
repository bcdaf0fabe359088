import { type FormEvent, useEffect, useId, useState } from 'react';
import { CardHeader } from '../../../components/card-header';
import { FormError, SubmitButton } from '../../../components/form-fields';
import { QueryState } from '../../../components/query-card';
import { formatDateTime } from '../../../lib/format';
import { type SectionCommentary, useCommentary } from '../api/get-commentary';
import { type CommentaryTexts, useSaveCommentary } from '../api/save-commentary';

const maxLength = 4000;

/**
 * The commentary printed under each section of the quarter's pack. Executives and admins write it;
 * the board reads it. Plain text: what is typed is what the pack prints.
 */
export function CommentaryForm({ quarter, canEdit }: { quarter: string; canEdit: boolean }) {
  const commentary = useCommentary(quarter);
  const save = useSaveCommentary(quarter);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const headingId = useId();
  const loaded = commentary.data;
  useEffect(() => {
    if (loaded) setDrafts(Object.fromEntries(loaded.map((s) => [s.section, s.body])));
  }, [loaded]);

  const changed = (loaded ?? []).filter((s) => (drafts[s.section] ?? '') !== s.body);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const sections: CommentaryTexts = Object.fromEntries(
      changed.map((s) => [s.section, drafts[s.section] ?? '']),
    );
    save.mutate(sections, { onSuccess: () => setSaved(true) });
  };

  return (
    <section className="card" id="commentary" aria-labelledby={headingId} data-testid="commentary">
      <CardHeader
        id={headingId}
        title="Commentary"
        subtitle={
          canEdit
            ? 'What the board should take from each section. It is printed under the section’s title in the PDF.'
            : 'What the executives say about each section of this quarter.'
        }
      />
      <QueryState
        query={commentary}
        errorTitle="The commentary could not be loaded"
        loading={
          <div className="card-state" aria-busy="true">
            <span className="skeleton skeleton-text" />
          </div>
        }
      >
        {(loaded) =>
          canEdit ? (
            <form className="commentary-form" onSubmit={submit} noValidate>
              {loaded.map((s) => (
                <CommentaryField
                  key={s.section}
                  entry={s}
                  value={drafts[s.section] ?? ''}
                  onChange={(value) => {
                    setSaved(false);
                    setDrafts((d) => ({ ...d, [s.section]: value }));
                  }}
                />
              ))}
              <div className="commentary-actions">
                <SubmitButton
                  pending={save.isPending}
                  pendingLabel="Saving…"
                  disabled={changed.length === 0}
                  testId="commentary-save"
                >
                  Save commentary
                </SubmitButton>
                <span role="status" className="commentary-meta">
                  {saved && changed.length === 0
                    ? 'Saved.'
                    : changed.length > 0
                      ? `${changed.length} unsaved`
                      : ''}
                </span>
              </div>
              <FormError error={save.error} />
            </form>
          ) : (
            <div className="commentary-form">
              {loaded.every((s) => s.body === '') && (
                <p className="commentary-meta">No commentary for this quarter.</p>
              )}
              {loaded
                .filter((s) => s.body !== '')
                .map((s) => (
                  <div key={s.section} className="commentary-field">
                    <h3 className="card-title">{s.title}</h3>
                    <p className="commentary-text">{s.body}</p>
                    <Updated entry={s} />
                  </div>
                ))}
            </div>
          )
        }
      </QueryState>
    </section>
  );
}

function CommentaryField({
  entry,
  value,
  onChange,
}: {
  entry: SectionCommentary;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const hintId = useId();
  // Flagged on what is saved: the PDF prints no commentary for the section until it is.
  const missing = entry.body.trim() === '';
  return (
    <div className="commentary-field">
      <div className="commentary-label">
        <label htmlFor={id}>{entry.title}</label>
        {missing && (
          <span
            className="commentary-flag tone-fill tone-warn"
            data-testid={`commentary-missing-${entry.section}`}
          >
            No commentary yet
          </span>
        )}
      </div>
      <textarea
        id={id}
        value={value}
        maxLength={maxLength}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.value)}
        data-testid={`commentary-${entry.section}`}
      />
      <p id={hintId} className="commentary-meta">
        {value.length.toLocaleString('en-US')} of {maxLength.toLocaleString('en-US')} characters
        {entry.updatedAt ? ' · ' : ''}
        {entry.updatedAt && <Updated entry={entry} inline />}
      </p>
    </div>
  );
}

function Updated({ entry, inline = false }: { entry: SectionCommentary; inline?: boolean }) {
  if (!entry.updatedAt) return null;
  const text = `Last edited ${formatDateTime(entry.updatedAt)}${entry.updatedBy ? ` by ${entry.updatedBy}` : ''}`;
  return inline ? <span>{text}</span> : <p className="commentary-meta">{text}</p>;
}
