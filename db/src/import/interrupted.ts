import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { selectRows } from '../client';

export const interruptedMessage =
  'the server stopped during this import; nothing after its last batch was saved: run it again';

/**
 * Imports still `running` when a server starts were cut off by a crash or a restart (the Node server
 * runs them in its own process): they become `interrupted`, with a message saying what to do. A
 * chunked import lives in the database, not in a process: it stays open for its client to resume,
 * unless no chunk has come for a day.
 */
export async function markInterruptedImports(db: Database): Promise<number[]> {
  const error = JSON.stringify([{ line: 0, column: null, message: interruptedMessage }]);
  const rows = await selectRows<{ id: number }>(
    db,
    sql`update imports set status = 'interrupted', finished_at = now(), errors = errors || ${error}::jsonb
      where status = 'running' and (upload is null or coalesce(
        (select max(c.stored_at) from import_chunks c where c.import_id = imports.id), started_at)
        < now() - interval '1 day')
      returning id`,
  );
  return rows.map((r) => Number(r.id));
}
