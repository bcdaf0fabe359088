import { takeDueSnapshot } from '@salesready/db/snapshots/weekly-snapshot';
import type { JobKind } from '../kind';

/**
 * Keeps last week's pipeline: each Monday shortly after midnight in the company's time zone, the state
 * of every open lead and deal at the end of the week that is over (docs/decisions/0022). A week kept
 * already is left as it is, so a run repeated after a failure writes nothing twice.
 */
export const pipelineSnapshot: JobKind = {
  kind: 'pipeline-snapshot',
  schedule: '15 0 * * 1',
  async run({ db, now }) {
    const result = await takeDueSnapshot(db, now);
    return { cursor: null, done: true, result };
  },
};
