/**
 * Set on each new server connection. The planner's row estimates for the dashboard's small aggregates (joins
 * on unnested buckets) often pass PostgreSQL's JIT threshold: compiling costs 30–40 ms for a statement that
 * runs in 5 (measured at a million leads). Trigger functions already run with JIT off (migration 0007).
 */
const settings = { jit: 'off' } as const;

/** As a startup parameter (`options`): in force before the first query, at no extra round trip. */
export const sessionOptions = Object.entries(settings)
  .map(([name, value]) => `-c ${name}=${value}`)
  .join(' ');

/** As statements, for connections that cannot take startup options (Neon's pooler refuses them). */
export const sessionSettings = Object.entries(settings)
  .map(([name, value]) => `set ${name} = ${value}`)
  .join('; ');
