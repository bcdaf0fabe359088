/** The largest upload a preview reads (it keeps only the first 2 MB). */
export const maxImportBytes = 2 * 1024 ** 3;
/**
 * The largest CSV `POST /api/imports` takes in one request (it answers once the import is done);
 * larger files go in chunks (docs/decisions/0019): a serverless platform caps a request body at a few MB.
 */
export const singleRequestImportBytes = 4 * 1024 * 1024;
/**
 * The chunk size the server proposes: on PGlite (one connection) a chunk's transaction holds every
 * other request, so chunks stay small enough for reads to keep answering (BENCHMARKS.md).
 */
export const proposedChunkBytes = (driver: string) => (driver === 'pglite' ? 48 * 1024 : 1024 * 1024);
/** A preview reads only this much of the file. */
export const previewBytes = 2 * 1024 * 1024;

export const chunkedEndpoints =
  'send larger files in chunks: POST /api/imports/uploads, then PUT /api/imports/{id}/chunks/{n}';

export const formatBytes = (n: number) =>
  n >= 1024 ** 3 ? `${n / 1024 ** 3} GB` : `${Math.round(n / 1024 ** 2)} MB`;
