import { answers } from '@salesready/api/figures/answers';
import { Hono } from 'hono';
import { expect, it } from 'vitest';

/** An app whose one read waits for `release`, counting how often it actually runs. */
function gatedApp(status = 200) {
  let runs = 0;
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const app = new Hono().use('*', answers({ keep: false })).get('/figures', async (c) => {
    const run = ++runs;
    await gate;
    return c.json({ run, q: c.req.query('q') ?? null }, status as 200);
  });
  return { app, release, runs: () => runs };
}

it('runs identical reads in flight together once and gives each caller the same answer', async () => {
  const { app, release, runs } = gatedApp();
  const pending = Array.from({ length: 5 }, () => app.request('/figures?q=a'));
  const other = app.request('/figures?q=b');
  await new Promise((resolve) => setTimeout(resolve, 20));
  release();
  const answers = await Promise.all([...pending, other].map(async (r) => (await r).json()));
  expect(runs()).toBe(2);
  expect(answers.slice(0, 5)).toEqual(Array(5).fill({ run: 1, q: 'a' }));
  expect(answers[5]).toEqual({ run: 2, q: 'b' });
});

it('keeps nothing once answered: the next read computes afresh', async () => {
  const { app, release, runs } = gatedApp();
  release();
  expect(await (await app.request('/figures')).json()).toEqual({ run: 1, q: null });
  expect(await (await app.request('/figures')).json()).toEqual({ run: 2, q: null });
  expect(runs()).toBe(2);
});

it('lets callers behind a failed read compute their own answer', async () => {
  const { app, release, runs } = gatedApp(500);
  const pending = Array.from({ length: 3 }, () => app.request('/figures'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  release();
  const statuses = await Promise.all(pending.map(async (r) => (await r).status));
  expect(statuses).toEqual([500, 500, 500]);
  expect(runs()).toBe(3);
});

it('leaves writes alone', async () => {
  let runs = 0;
  const app = new Hono().use('*', answers({ keep: false })).post('/figures', (c) => {
    runs++;
    return c.json({ runs });
  });
  await Promise.all([
    app.request('/figures', { method: 'POST' }),
    app.request('/figures', { method: 'POST' }),
  ]);
  expect(runs).toBe(2);
});
