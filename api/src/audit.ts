import type { Database } from '@salesready/db/client';
import { auditLog } from '@salesready/db/schema/index';

/** Appends one entry to the audit log: who did what to which thing. Never holds secrets. */
export async function audit(
  db: Database,
  userId: number | null,
  action: string,
  target: string | null,
  details?: unknown,
): Promise<void> {
  await db.insert(auditLog).values({
    userId,
    action,
    target,
    details: details === undefined ? null : JSON.stringify(details),
  });
}
