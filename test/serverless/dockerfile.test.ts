import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defined } from '@salesready/db/defined';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, uniqueName, withAdmin } from '../helpers/postgres-server';
import { serverUnavailable } from './serverless-db';

// No Docker engine runs here or in CI: these check the Dockerfile against the repository instead.
const repo = fileURLToPath(new URL('../../', import.meta.url));
const dockerfile = readFileSync(join(repo, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const stages = instructions.filter((line) => /^FROM /i.test(line));
const copies = instructions.filter((line) => /^COPY /i.test(line)).map((line) => line.split(/\s+/).slice(1));
const cmd = JSON.parse(defined(instructions.find((line) => /^CMD /i.test(line))).slice(4)) as string[];
const env = Object.fromEntries(
  instructions
    .filter((line) => /^ENV /i.test(line))
    .flatMap((line) => line.slice(4).trim().split(/\s+/))
    .map((pair) => pair.split('=') as [string, string]),
);

describe('the Dockerfile', () => {
  it('builds on node:20-slim with the pnpm the repository pins', () => {
    expect(stages.length).toBeGreaterThan(0);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:20-slim\b/);
    const pinned = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).packageManager as string;
    const version = defined(defined(pinned.split('@')[1]).split('+')[0]);
    const installs = instructions.filter((line) => /npm install --global pnpm@/.test(line));
    expect(installs.length).toBe(stages.length);
    for (const line of installs) expect(line).toContain(`pnpm@${version}`);
  });

  it('copies only files that exist in the build context and are not ignored', () => {
    const ignored = readFileSync(join(repo, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    for (const args of copies.filter((a) => !defined(a[0]).startsWith('--from'))) {
      for (const source of args.slice(0, -1)) {
        expect(existsSync(join(repo, source)), `${source} is copied but missing`).toBe(true);
        const hit = ignored.find(
          (pattern) => source === pattern.replace(/^\*\*\//, '') || source === pattern,
        );
        expect(hit, `${source} is copied but .dockerignore leaves it out`).toBeUndefined();
      }
    }
    // Every workspace package's manifest, or the frozen install refuses the lockfile.
    const workspace = readFileSync(join(repo, 'pnpm-workspace.yaml'), 'utf8');
    const block = defined(defined(/^packages:\n((?: {2}- .+\n)+)/m.exec(workspace))[1]);
    const packages = [...block.matchAll(/- (\S+)/g)].map((m) => defined(m[1]));
    expect(packages).toContain('api');
    const copied = copies.flatMap((a) => a.slice(0, -1));
    for (const pkg of packages) expect(copied).toContain(`${pkg}/package.json`);
  });

  it('runs the server that `pnpm build` compiles, with the files it reads beside it', () => {
    const entry = defined(cmd.at(-1));
    expect(cmd[0]).toBe('node');
    expect(entry).toBe('api/dist/node/index.mjs');
    expect(existsSync(join(repo, entry)), 'run `pnpm build` first').toBe(true);
    const fromBuild = copies.filter((a) => a[0] === '--from=build').map((a) => a[2]);
    expect(fromBuild).toEqual(expect.arrayContaining(['api/dist/node', 'web/dist']));
    // The bundle finds the migrations at ../../../db/migrations from itself.
    expect(copies.some((a) => a[0] === 'db/migrations' && a[1] === 'db/migrations')).toBe(true);
    expect(readFileSync(join(repo, entry), 'utf8')).toContain('../../../db/migrations');
    // `pnpm start` runs the same file (from api/).
    const start = JSON.parse(readFileSync(join(repo, 'api/package.json'), 'utf8')).scripts.start as string;
    expect(`api/${start.split(' ').at(-1)}`).toBe(entry);
  });

  it('listens on every interface and keeps the embedded database in its volume', () => {
    expect(env).toMatchObject({ HOST: '0.0.0.0', PORT: '3000', DATA_DIR: '/data' });
    expect(instructions).toContain('VOLUME /data');
    expect(instructions).toContain(`EXPOSE ${env.PORT}`);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.skipIf(serverUnavailable)("the image's command, run on PostgreSQL", () => {
  const name = uniqueName('sr_docker_cmd');
  let child: ReturnType<typeof spawn> | undefined;
  let port = 0;
  let log = '';

  beforeAll(async () => {
    await withAdmin((c) => c.query(`create database ${name}`));
    port = await freePort();
    // The image's environment, on loopback rather than every interface.
    child = spawn(defined(cmd[0]), cmd.slice(1), {
      cwd: repo,
      env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: databaseUrl(name) },
    });
    child.stdout?.on('data', (d) => {
      log += d;
    });
    child.stderr?.on('data', (d) => {
      log += d;
    });
    const deadline = Date.now() + 60_000;
    while (!log.includes('SalesReady on')) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`the server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => defined(child).once('exit', resolve));
    }
    await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
  });

  it('migrates the empty database and answers health', async () => {
    expect(log).toContain('(postgres, ready in');
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'postgres' });
  });

  it('serves the web app when it is built', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(existsSync(join(repo, 'web/dist/index.html')) ? 200 : 503);
  });
});
