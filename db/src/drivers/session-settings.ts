/**
 * Set on each new server connection. The dashboard's statements are small aggregates over the rollups,
 * but the planner's row estimates for their joins on unnested buckets often pass PostgreSQL's JIT
 * threshold: compiling them to machine code then costs 30–40 ms for a statement that runs in 5
 * (measured at a million leads). The trigger functions already run with JIT off (migration 0007).
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
