declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of a migrated PGlite data folder dump that each test file clones. */
    pgliteTemplate: string;
    /** Name of a migrated template database on the PostgreSQL server, or null when it is unreachable. */
    postgresTemplate: string | null;
    /** Base URL of the real server the browser suites drive, or null when Chromium is absent. */
    e2eUrl: string | null;
  }
}

export {};
