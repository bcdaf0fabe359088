import { parseArgs } from 'node:util';
import { leads } from '@salesready/db/schema/index';
import { assertLocalDatabase } from '@salesready/db/seed/local-guard';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { sql } from 'drizzle-orm';
import { parseEnv } from '../env';
import { openEnvDb } from './env-db';
import { progressBar } from './progress-bar';

const usage = `pnpm seed [--leads N] [--seed N] [--force]
  Fills an empty database with deterministic demo data (about 50,000 leads by default).
  --leads N   how many leads (e.g. 1000000 for benchmarks)
  --seed N    the random seed (default 42)
  --force     allow a database that is not on this machine`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      leads: { type: 'string' },
      seed: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const env = parseEnv(process.env);
  assertLocalDatabase(env.DATABASE_URL, values.force ?? false);
  const count = values.leads ? Number(values.leads) : undefined;
  if (count !== undefined && (!Number.isInteger(count) || count < 1))
    throw new Error('--leads must be a positive whole number');
  const handle = await openEnvDb(env);
  try {
    const [existing] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(leads);
    if ((existing?.n ?? 0) > 0)
      throw new Error(`the database already holds ${existing?.n} leads; seed an empty one`);
    const bar = progressBar(process.stderr);
    const result = await seedDemo(handle.db, {
      now: new Date(),
      ...(count !== undefined && { leads: count }),
      ...(values.seed !== undefined && { seed: Number(values.seed) }),
      onProgress: (done, total, phase) => bar.update(phase, done, total),
    });
    bar.done();
    console.log(
      `Seeded ${result.leads} leads, ${result.touches} touches, ${result.sources} sources (${handle.driver}).`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
