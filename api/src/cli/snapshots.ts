import { parseArgs } from 'node:util';
import {
  rebuildSnapshots,
  takeDueSnapshot,
  takeWeeklySnapshot,
} from '@salesready/db/snapshots/weekly-snapshot';
import { parseEnv } from '../env';
import { openEnvDb } from './env-db';

export const snapshotsUsage = `snapshots [--rebuild] [--week YYYY-MM-DD]
  Keeps the weekly pipeline snapshot (the open leads and deals at the end of the last Sunday that is over)
  if it is not kept yet; a week already kept is left as it is.
  --rebuild          also rebuild every missing week since the first lead from the stage timestamps (marked rebuilt)
  --week YYYY-MM-DD  keep this week (a Sunday) instead of the last one`;

export async function snapshotsCommand(args: string[]): Promise<number> {
  let values: { rebuild?: boolean; week?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { rebuild: { type: 'boolean', default: false }, week: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${snapshotsUsage}`);
    return 2;
  }
  const env = parseEnv(process.env);
  const handle = await openEnvDb(env);
  try {
    if (values.rebuild) {
      const started = Date.now();
      const r = await rebuildSnapshots(handle.db, {
        onWeek: (w) => {
          if (w.taken) console.log(`${w.weekEnd}  rebuilt  ${w.openLeads} open leads, ${w.openDeals} deals`);
        },
      });
      console.log(
        `${r.taken} of ${r.weeks} weeks rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    const r = values.week
      ? await takeWeeklySnapshot(handle.db, values.week)
      : await takeDueSnapshot(handle.db);
    console.log(
      `${r.weekEnd}  ${r.taken ? 'kept' : 'already kept'}${r.rebuilt ? ' (rebuilt)' : ''}  ${r.openLeads} open leads, ${r.openDeals} deals, ${r.openAmount} open`,
    );
    return 0;
  } catch (error) {
    if (error instanceof RangeError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  } finally {
    await handle.close();
  }
}
