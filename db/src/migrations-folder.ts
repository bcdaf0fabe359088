import { fileURLToPath } from 'node:url';

// drizzle-kit's output, committed in db/migrations.
export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));
