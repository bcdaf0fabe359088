// The builds `pnpm start` needs, each skipped when its sources have not changed since its last build:
// a build leaves a SHA-256 of its inputs beside its output (web/dist/.inputs-sha256,
// api/dist/node/.inputs-sha256), and a later start with the same hash and the output in place skips it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
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

/** Each build run by node directly (no package manager starting in between): its folder and arguments. */
const targets = {
  web: {
    name: 'web app',
    inputs: [...shared, 'web'],
    output: 'web/dist/index.html',
    stamp: 'web/dist/.inputs-sha256',
    cwd: 'web',
    args: ['node_modules/vite/bin/vite.js', 'build'],
  },
  server: {
    name: 'server',
    inputs: [...shared, 'api/scripts/build.mjs', 'api/package.json', 'db/package.json'],
    output: 'api/dist/node/index.mjs',
    stamp: 'api/dist/node/.inputs-sha256',
    cwd: 'api',
    args: ['scripts/build.mjs', 'node'],
  },
};

/**
 * The build of `key` when its output is missing or older than its sources (always with `force`), with
 * `markBuilt()` to call once it succeeded; null when it is up to date.
 */
export function pendingBuild(key, force = false) {
  const target = targets[key];
  const hash = inputsHash(target.inputs);
  const stamp = join(repo, target.stamp);
  const current =
    !force &&
    existsSync(join(repo, target.output)) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === hash;
  if (current) return null;
  return {
    name: target.name,
    cwd: join(repo, target.cwd),
    args: target.args,
    markBuilt: () => writeFileSync(stamp, `${hash}\n`),
  };
}
