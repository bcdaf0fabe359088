/**
 * Set on each new server connection. The planner's row estimates for the dashboard's small aggregates (joins
 * on unnested buckets) often pass PostgreSQL's JIT threshold: compiling costs 30–40 ms for a statement that
 * runs in 5 (measured at a million leads). Trigger functions already run with JIT off (migration 0007).
 * No parallel workers: a page's statements already run side by side (pacing's seven, the overview's three
 * periods), so workers only start processes that compete with their siblings (BENCHMARKS.md, 2026-12-07).
 */
const settings = { jit: 'off', max_parallel_workers_per_gather: '0' } as const;

/** As a startup parameter (`options`): in force before the first query, at no extra round trip. */
export const sessionOptions = Object.entries(settings)
  .map(([name, value]) => `-c ${name}=${value}`)
  .join(' ');

/** As statements, for connections that cannot take startup options (Neon's pooler refuses them). */
export const sessionSettings = Object.entries(settings)
  .map(([name, value]) => `set ${name} = ${value}`)
  .join('; ');
