import os from 'node:os';
import type { DriverName } from '@salesready/db/client';
import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import { createApp } from '../app';
import { hashToken, newToken } from '../auth/tokens';
import { figureCacheHeader } from '../figures/answers';
import { ensureSeeded, openBenchDb, percentile, signIn, vacuum } from './bench-db';

// What an executive's dashboard reads, in turn, while a CRM pushes touches.
const readMix = [
  '/api/metrics/overview',
  '/api/metrics/sources?view=cohort',
  '/api/metrics/funnel',
  '/api/metrics/trend',
  '/api/metrics/attribution',
  '/api/metrics/pacing',
  '/api/metrics/alerts',
];
// The touches a run adds carry this prefix in their external id, and are deleted at the end.
const prefix = 'bench-stream-';

interface Phase {
  mode: string;
  batches: number;
  byEndpoint: Map<string, { times: number[]; hits: number; misses: number }>;
}

export interface StreamOptions {
  seconds: number;
  clients: number;
  batch: number;
}

/**
 * The read mix under a steady ingestion stream (one batch of touches a second through the ingestion
 * API), twice in the same run on the same database: with every table's version moved by each batch (as
 * the single data version of docs/decisions/0011 did) and with only the touches' version moved (0026).
 */
export async function benchIngestStream(
  drivers: DriverName[],
  size: number,
  options: StreamOptions,
): Promise<string> {
  const sections: string[] = [];
  for (const driver of drivers) {
    const handle = await openBenchDb(driver, size);
    try {
      await ensureSeeded(handle, size);
      await handle.db.execute(sql`delete from touches where external_id like ${`${prefix}%`}`);
      await vacuum(handle);
      const app = createApp({ db: handle.db, driver, version: 'bench', demo: false });
      const cookie = await signIn(app, handle);
      const token = newToken('sri');
      await handle.db.execute(sql`insert into api_tokens (name, token_hash, prefix, created_by)
        select 'bench-stream', ${hashToken(token)}, ${token.slice(0, 12)}, id from users where email = 'bench@salesready.local'`);
      const leads = await selectRows<{ externalId: string; originSystem: string }>(
        handle.db,
        sql`select external_id as "externalId", origin_system as "originSystem" from leads
          where external_id is not null order by created_at desc limit 2000`,
      );
      let touchId = 0;
      const pushBatch = async (everyTable: boolean) => {
        const touches = Array.from({ length: options.batch }, () => {
          const lead = defined(leads[touchId % leads.length]);
          touchId++;
          return {
            externalId: `${prefix}${touchId}`,
            leadExternalId: lead.externalId,
            originSystem: lead.originSystem,
            occurredAt: new Date().toISOString(),
            kind: 'email_open',
            channel: null,
            actor: 'marketing',
          };
        });
        const res = await app.request('/api/ingest/touches', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ touches }),
        });
        const answer = (await res.json()) as { inserted?: number };
        if (res.status !== 200 || answer.inserted !== options.batch) {
          throw new Error(`ingestion answered ${res.status}: ${JSON.stringify(answer)}`);
        }
        // What one data version for everything did: any write made every kept answer unreadable.
        if (everyTable) await handle.db.execute(sql`update data_versions set version = version + 1`);
      };

      const phases: Phase[] = [];
      for (const everyTable of [true, false]) {
        const phase: Phase = {
          mode: everyTable ? 'one version for all tables (before)' : 'a version per table (after)',
          batches: 0,
          byEndpoint: new Map(readMix.map((p) => [p, { times: [], hits: 0, misses: 0 }])),
        };
        for (const path of readMix) await app.request(path, { headers: { cookie } });
        const ends = Date.now() + options.seconds * 1000;
        const ingester = (async () => {
          while (Date.now() < ends) {
            const started = Date.now();
            await pushBatch(everyTable);
            phase.batches++;
            await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))));
          }
        })();
        const reader = async (offset: number) => {
          for (let i = offset; Date.now() < ends; i++) {
            const path = defined(readMix[i % readMix.length]);
            const started = performance.now();
            const res = await app.request(path, { headers: { cookie } });
            await res.arrayBuffer();
            if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
            const stats = defined(phase.byEndpoint.get(path));
            stats.times.push(performance.now() - started);
            const kept = res.headers.get(figureCacheHeader);
            if (kept === 'hit') stats.hits++;
            else if (kept === 'miss') stats.misses++;
            // In-process on PGlite a read resolves without I/O: yield, or the ingester's timer never fires.
            await new Promise((resolve) => setImmediate(resolve));
          }
        };
        await Promise.all([ingester, ...Array.from({ length: options.clients }, (_, i) => reader(i))]);
        phases.push(phase);
        console.error(`${driver}: ${phase.mode}: ${phase.batches} batches`);
      }
      await handle.db.execute(sql`delete from touches where external_id like ${`${prefix}%`}`);
      await handle.db.execute(sql`delete from api_tokens where name = 'bench-stream'`);
      sections.push(streamTable(driver, size, options, phases));
    } finally {
      await handle.close();
    }
  }
  return sections.join('\n\n');
}

function streamTable(driver: DriverName, size: number, options: StreamOptions, phases: Phase[]): string {
  const lines = [
    `### ${driver}, ${size.toLocaleString('en-US')} leads`,
    '',
    `Measured by \`pnpm bench --ingest-stream --drivers ${driver} --sizes ${size} --seconds ${options.seconds} --clients ${options.clients}\` on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores: ${options.clients} readers calling the mix in turn through the API in-process while one batch of ${options.batch} touches a second arrives through \`POST /api/ingest/touches\`, ${options.seconds} s per phase, both phases on the same database in the same run. "Kept" is the share of answers served from the figure cache (routes that keep whole answers; the pacing and the alerts keep their pacing computation inside and have no header).`,
    '',
    '| phase | endpoint | reads | kept | p50 ms | p95 ms |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const phase of phases) {
    let hits = 0;
    let misses = 0;
    const all: number[] = [];
    for (const [path, stats] of phase.byEndpoint) {
      const sorted = [...stats.times].sort((a, b) => a - b);
      all.push(...sorted);
      hits += stats.hits;
      misses += stats.misses;
      const share =
        stats.hits + stats.misses > 0
          ? `${Math.round((100 * stats.hits) / (stats.hits + stats.misses))}%`
          : '–';
      lines.push(
        `| ${phase.mode} | \`${path}\` | ${sorted.length} | ${share} | ${percentile(sorted, 0.5).toFixed(1)} | ${percentile(sorted, 0.95).toFixed(1)} |`,
      );
    }
    all.sort((a, b) => a - b);
    lines.push(
      `| ${phase.mode} | **all** (${phase.batches} batches) | ${all.length} | ${Math.round((100 * hits) / Math.max(1, hits + misses))}% | ${percentile(all, 0.5).toFixed(1)} | ${percentile(all, 0.95).toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}
