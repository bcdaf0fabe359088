/**
 * Renders the board pack of the demo data to a PDF, for looking at it (and for the pictures in
 * docs/board-pack-page-*.png):
 *   npx tsx test/helpers/export-board-pack-demo.ts [/tmp/sr-demo-db] [/tmp/board-pack.pdf] [2026-Q4]
 * The embedded database folder is seeded with `seedDemo` on first use and reused after.
 */
import { writeFileSync } from 'node:fs';
import { buildBoardPack } from '@salesready/api/reports/board-pack/index';
import { createDb, selectRows } from '@salesready/db/client';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { sql } from 'drizzle-orm';

const [dir = '/tmp/sr-demo-db', out = '/tmp/board-pack.pdf', quarter] = process.argv.slice(2);
const handle = await createDb(`file:${dir}`);
const [count] = await selectRows<{ n: number }>(handle.db, sql`select count(*)::int as n from leads`);
if (!count?.n) {
  const started = Date.now();
  const seeded = await seedDemo(handle.db, { now: new Date() });
  console.log(`seeded ${seeded.leads} leads in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
const started = Date.now();
const pack = await buildBoardPack(handle.db, quarter);
writeFileSync(out, pack.pdf);
console.log(
  `${out}: ${pack.quarter}, ${pack.pages} pages, ${pack.pdf.length} bytes in ${Date.now() - started} ms`,
);
await handle.close();
