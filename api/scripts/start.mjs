// `pnpm start`: builds what changed (build-targets.mjs), then starts the server. The web app builds beside
// the server's first open of its database (migrations, the demo seed) rather than before it; the server
// waits for it before it listens. Usage: node api/scripts/start.mjs [--force]
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pendingBuild, repo } from './build-targets.mjs';

const force = process.argv.includes('--force');

// The server bundle first (about a second): the server runs from it.
const server = pendingBuild('server', force);
if (server) {
  const run = spawnSync(process.execPath, server.args, { cwd: server.cwd, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  server.markBuilt();
} else console.log('The server is up to date with its sources: not rebuilt.');

const web = pendingBuild('web', force);
const child = spawn(process.execPath, ['--enable-source-maps', 'dist/node/index.mjs'], {
  cwd: join(repo, 'api'),
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  env: web ? { ...process.env, SALESREADY_WEB_BUILD: 'pending' } : process.env,
});
let builder;
let failed = false;
child.on('exit', (code, signal) => {
  builder?.kill();
  process.exit(failed ? 1 : (code ?? (signal ? 1 : 0)));
});
// The server stops once, however many of these reach it (a terminal's Ctrl-C reaches both processes).
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

if (web) {
  const started = Date.now();
  console.log('Building the web app beside the database…');
  builder = spawn(process.execPath, web.args, { cwd: web.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  // Vite's file list would interleave with the server's progress: shown only when the build fails.
  const output = [];
  builder.stdout.on('data', (chunk) => output.push(chunk));
  builder.stderr.on('data', (chunk) => output.push(chunk));
  const built = new Promise((resolve) => {
    builder.on('exit', (code) => {
      builder = undefined;
      if (code !== 0) {
        process.stderr.write(Buffer.concat(output));
        console.error(`The ${web.name} did not build: the server stops once its database is ready.`);
        failed = true;
      } else {
        web.markBuilt();
        console.log(`Web app built (${((Date.now() - started) / 1000).toFixed(1)} s).`);
      }
      resolve();
    });
  });
  // The server asks once its database is ready (api/src/entry/node.ts, `webBuilt`): stopping it then, not
  // in the middle of its first open, leaves the database whole.
  child.on('message', (message) => {
    if (message !== 'web?') return;
    void built.then(() => (failed ? child.kill('SIGTERM') : child.send('web-built')));
  });
}
