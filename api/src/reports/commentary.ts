import type { Database } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import {
  type CommentarySection,
  commentarySections,
  reportCommentary,
  users,
} from '@salesready/db/schema/index';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';

export const commentaryMaxLength = 4000;

export const sectionTitles: Record<CommentarySection, string> = {
  summary: 'Executive summary',
  sources: 'Sources',
  funnel: 'Funnel',
  speed: 'Time to sales-ready',
  cohorts: 'Cohorts',
  handoff: 'Hand-off health',
};

// Control characters (tab and line breaks aside) and bidirectional overrides: a comment must read
// on the page exactly as it was typed, so text that would print invisibly or reordered is refused.
const unprintable = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

/** One section's commentary: plain text, line breaks kept; empty removes it. */
export const commentaryText = z
  .string()
  .max(commentaryMaxLength, `must be at most ${commentaryMaxLength} characters`)
  .refine(
    (s) => !unprintable.test(s.replace(/[\t\r\n]/g, '')),
    'must be plain text, without control characters',
  )
  .transform((s) => s.replace(/\r\n?/g, '\n').trim());

export interface SectionCommentary {
  section: CommentarySection;
  title: string;
  body: string;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** Every section of a quarter in the pack's order, with an empty body where nobody wrote one. */
export async function readCommentary(db: Database, quarter: string): Promise<SectionCommentary[]> {
  const rows = await db
    .select({
      section: reportCommentary.section,
      body: reportCommentary.body,
      updatedAt: reportCommentary.updatedAt,
      name: users.name,
      email: users.email,
    })
    .from(reportCommentary)
    .leftJoin(users, eq(users.id, reportCommentary.updatedBy))
    .where(eq(reportCommentary.quarter, quarter))
    .orderBy(asc(reportCommentary.section));
  return commentarySections.map((section) => {
    const row = rows.find((r) => r.section === section);
    return {
      section,
      title: sectionTitles[section],
      body: row?.body ?? '',
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row ? row.name || row.email || null : null,
    };
  });
}

export const commentaryBySection = (rows: SectionCommentary[]) =>
  Object.fromEntries(rows.map((r) => [r.section, r.body])) as Record<CommentarySection, string>;

/** Writes the given sections (an empty text removes one); returns the sections that changed. */
export async function writeCommentary(
  db: Database,
  quarter: string,
  texts: Partial<Record<CommentarySection, string>>,
  userId: number,
): Promise<CommentarySection[]> {
  const current = commentaryBySection(await readCommentary(db, quarter));
  const changed = commentarySections.filter((s) => texts[s] !== undefined && texts[s] !== current[s]);
  const removed = changed.filter((s) => texts[s] === '');
  const written = changed.filter((s) => texts[s] !== '');
  if (removed.length > 0) {
    await db
      .delete(reportCommentary)
      .where(and(eq(reportCommentary.quarter, quarter), inArray(reportCommentary.section, removed)));
  }
  for (const section of written) {
    const values = {
      quarter,
      section,
      body: defined(texts[section]),
      updatedBy: userId,
      updatedAt: new Date(),
    };
    await db
      .insert(reportCommentary)
      .values(values)
      .onConflictDoUpdate({
        target: [reportCommentary.quarter, reportCommentary.section],
        set: { body: values.body, updatedBy: userId, updatedAt: values.updatedAt },
      });
  }
  return changed;
}
