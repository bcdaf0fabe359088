// Kept in step with api/package.json by the release script; read at build time, not from disk,
// so serverless bundles need no file access.
export const version = '0.1.0';
