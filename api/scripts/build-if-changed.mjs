// `pnpm start`'s build step: builds the web app and the Node server bundle only when their sources
// changed since the last build. Each build leaves a SHA-256 of its inputs beside its output
// (web/dist/.inputs-sha256, api/dist/node/.inputs-sha256); a later start with the same hash and the
// output in place skips that build. Usage: node api/scripts/build-if-changed.mjs [--force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const skipped = new Set(['node_modules', 'dist', '.data', '.vercel', 'test-results']);

/** Every file under the given paths (folders walked, generated folders left out), sorted. */
function files(paths) {
  const out = [];
  const walk = (path) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path)) if (!skipped.has(name)) walk(join(path, name));
    } else out.push(path);
  };
  for (const p of paths) walk(join(repo, p));
  return out.sort();
}

/** One hash of the files' names and contents. */
function inputsHash(paths) {
  const hash = createHash('sha256');
  for (const file of files(paths)) {
    hash.update(relative(repo, file).split('\\').join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

// The lockfile stands for the installed packages; the web app imports the API's figure catalogue
// and route types, which import the db package: both count for it.
const shared = ['pnpm-lock.yaml', 'package.json', 'tsconfig.base.json', 'api/src', 'db/src'];
const targets = [
  {
    name: 'web app',
    inputs: [...shared, 'web'],
    output: 'web/dist/index.html',
    stamp: 'web/dist/.inputs-sha256',
    build: ['--filter', '@salesready/web', 'build'],
  },
  {
    name: 'server',
    inputs: [...shared, 'api/scripts/build.mjs', 'api/package.json', 'db/package.json'],
    output: 'api/dist/node/index.mjs',
    stamp: 'api/dist/node/.inputs-sha256',
    build: ['--filter', '@salesready/api', 'build', 'node'],
  },
];

const force = process.argv.includes('--force');
for (const target of targets) {
  const hash = inputsHash(target.inputs);
  const stamp = join(repo, target.stamp);
  const current =
    !force &&
    existsSync(join(repo, target.output)) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === hash;
  if (current) {
    console.log(`The ${target.name} is up to date with its sources: not rebuilt.`);
    continue;
  }
  const run = spawnSync('pnpm', target.build, {
    cwd: repo,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  writeFileSync(stamp, `${hash}\n`);
}
