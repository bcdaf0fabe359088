import { lazyApp, serverlessApp } from './serverless';

const app = lazyApp(() => serverlessApp(process.env));

async function fetch(request: Request): Promise<Response> {
  return (await app()).fetch(request);
}

// Vercel's Node runtime hands a web Request only to `export default { fetch }` or to per-method
// exports; a default-exported function would get Node's (req, res) instead.
export default { fetch };
export const GET = fetch;
export const HEAD = fetch;
export const POST = fetch;
export const PUT = fetch;
export const PATCH = fetch;
export const DELETE = fetch;
export const OPTIONS = fetch;
