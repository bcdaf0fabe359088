import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { selectRows } from '../client';

export const interruptedMessage =
  'the server stopped during this import; nothing after its last batch was saved: run it again';

/**
 * Imports still `running` when a server starts were cut off by a crash or a restart (the Node server
 * runs them in its own process): they become `interrupted`, with a message saying what to do.
 */
export async function markInterruptedImports(db: Database): Promise<number[]> {
  const error = JSON.stringify([{ line: 0, column: null, message: interruptedMessage }]);
  const rows = await selectRows<{ id: number }>(
    db,
    sql`update imports set status = 'interrupted', finished_at = now(), errors = errors || ${error}::jsonb
      where status = 'running' returning id`,
  );
  return rows.map((r) => Number(r.id));
}
