// Writes the Vercel deployment in the Build Output API (v3) layout, .vercel/output/, from vercel.json:
// the built web app as static files, one Node function (the bundled api/src/entry/vercel.ts) at /api,
// and the rewrites and headers as routes. Deploy it with `vercel deploy --prebuilt`: a build on the
// platform would turn every file under this repository's api/ folder into a function (docs/decisions/0012).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const config = JSON.parse(readFileSync(join(repo, 'vercel.json'), 'utf8'));
const output = join(repo, '.vercel/output');
const func = join(output, 'functions/api.func');
const bundle = join(repo, 'api/dist/vercel/index.mjs');
if (!existsSync(bundle))
  throw new Error('api/dist/vercel/index.mjs is missing: run `node api/scripts/build.mjs vercel`');

/** vercel.json's path patterns (`/api/:path*`, `/:name`) as the anchored expressions routes take. */
export function patternToRegex(source) {
  const body = source
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\/:[A-Za-z]\w*\*/g, '(?:/.*)?')
    .replace(/:[A-Za-z]\w*/g, '[^/]+');
  return `^${body}$`;
}

rmSync(output, { recursive: true, force: true });
mkdirSync(func, { recursive: true });

const web = join(repo, 'web/dist');
if (existsSync(join(web, 'index.html'))) cpSync(web, join(output, 'static'), { recursive: true });
else console.warn('web/dist is not built: the deployment would have no web app (run `pnpm build`)');

// The bundle, its chunks and source maps (not its metafile).
cpSync(dirname(bundle), func, { recursive: true, filter: (path) => !path.endsWith('meta.json') });
// The board pack's fonts, found at run time the way the API resolves them (dejavu-fonts-ttf/ttf/…).
const fonts = dirname(createRequire(join(repo, 'api/package.json')).resolve('dejavu-fonts-ttf/package.json'));
for (const file of ['package.json', 'ttf/DejaVuSansCondensed.ttf', 'ttf/DejaVuSansCondensed-Bold.ttf']) {
  const target = join(func, 'node_modules/dejavu-fonts-ttf', file);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(fonts, file), target);
}

const settings = config.functions?.['api/index.mjs'] ?? {};
writeFileSync(
  join(func, '.vc-config.json'),
  `${JSON.stringify(
    {
      runtime: 'nodejs20.x',
      handler: 'index.mjs',
      launcherType: 'Nodejs',
      shouldAddHelpers: false,
      supportsResponseStreaming: true,
      ...(settings.maxDuration ? { maxDuration: settings.maxDuration } : {}),
      ...(settings.memory ? { memory: settings.memory } : {}),
    },
    null,
    2,
  )}\n`,
);

const routes = [
  ...(config.headers ?? []).map((rule) => ({
    src: patternToRegex(rule.source),
    headers: Object.fromEntries(rule.headers.map((h) => [h.key, h.value])),
    continue: true,
  })),
  // Files first (the web app's assets), then the rewrites.
  { handle: 'filesystem' },
  ...(config.rewrites ?? []).map((rule) => ({ src: patternToRegex(rule.source), dest: rule.destination })),
];
// Vercel Cron calls each path with GET and `Authorization: Bearer $CRON_SECRET` (docs/decisions/0020).
const crons = (config.crons ?? []).map(({ path, schedule }) => ({ path, schedule }));
writeFileSync(
  join(output, 'config.json'),
  `${JSON.stringify({ version: 3, routes, ...(crons.length > 0 && { crons }) }, null, 2)}\n`,
);
console.log(
  `.vercel/output: ${routes.length} routes, function api.func (${settings.memory ?? 'default'} MB)`,
);
