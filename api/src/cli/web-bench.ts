import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defined } from '@salesready/db/defined';
import { launchChromium } from './chromium';
import { startServer } from './server-process';

const dist = fileURLToPath(new URL('../../../web/dist', import.meta.url));
const demo = { email: 'demo@salesready.local', password: 'salesready-demo' };

/** The gzipped size of a built file, as a server with compression would send it (level 9, like most CDNs). */
function gzippedBytes(path: string): number {
  return gzipSync(readFileSync(`${dist}${path}`), { level: 9 }).length;
}

/** Scripts and styles the HTML itself loads before any route: the initial download. */
function entryAssets(): { js: string[]; css: string[] } {
  const html = readFileSync(`${dist}/index.html`, 'utf8');
  const attr = (re: RegExp) => [...html.matchAll(re)].map((m) => defined(m[1]));
  return {
    js: [
      ...attr(/<script[^>]+src="([^"]+\.js)"/g),
      ...attr(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
    ],
    css: attr(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+\.css)"/g),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return defined(sorted[Math.max(0, i)]);
}

/**
 * `pnpm bench --web`: the web app's download and the overview's time to data, in Debian's Chromium against
 * the real server on the embedded database with the demo data. Each run is a cold load (fresh context, no
 * cache) signed in by cookie, timed from navigation to the first frame showing the KPIs, then the gap figure.
 */
export async function benchWeb(runs: number): Promise<void> {
  if (!existsSync(`${dist}/index.html`)) throw new Error('web/dist is missing: run `pnpm build` first');
  const entry = entryAssets();
  const entryJs = entry.js.reduce((sum, path) => sum + gzippedBytes(path), 0);
  const entryCss = entry.css.reduce((sum, path) => sum + gzippedBytes(path), 0);

  console.log('Starting the server on a fresh embedded database (seeds the demo data)…');
  const server = await startServer();
  const browser = await launchChromium();
  const kpis: number[] = [];
  const gaps: number[] = [];
  let overviewJs = 0;
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(demo),
    });
    if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const cookies = login.headers.getSetCookie().map((raw) => {
      const [pair] = raw.split(';');
      const [name, ...value] = defined(pair).split('=');
      return { name: defined(name), value: value.join('='), url: server.url };
    });
    // Two warm-ups: the server's first queries fill PostgreSQL's caches, which a running server has.
    for (let run = -2; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addCookies(cookies);
      const page = await context.newPage();
      // The code the overview needs before it can show figures: what it asks for before the
      // overview's answer arrives (the chart code is fetched after, while the figures show).
      const scripts = new Set<string>();
      let answered = false;
      page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (!answered && path.startsWith('/assets/') && path.endsWith('.js')) scripts.add(path);
      });
      page.on('response', (response) => {
        if (new URL(response.url()).pathname === '/api/metrics/overview') answered = true;
      });
      await page.goto(server.url);
      // `performance.now()` counts from navigation start; polled every frame. (The page's DOM is
      // reached through globalThis: this package is compiled without the DOM's types.)
      const at = (selector: string) =>
        page
          .waitForFunction(
            (s) =>
              (
                globalThis as unknown as { document: { querySelector: (s: string) => unknown } }
              ).document.querySelector(s) && performance.now(),
            selector,
            { polling: 'raf', timeout: 60_000 },
          )
          .then((handle) => handle.jsonValue() as Promise<number>);
      const kpi = await at('[data-testid="kpi-leads"] [data-testid="kpi-value"]');
      const gap = await at('[data-testid="gap-value"]');
      if (run >= 0) {
        kpis.push(kpi);
        gaps.push(gap);
      }
      // Let the page's last requests (the alerts) finish, so the next load meets an idle server.
      await page.waitForLoadState('networkidle');
      if (run === runs - 1) overviewJs = [...scripts].reduce((sum, path) => sum + gzippedBytes(path), 0);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  // A cold load competes for the CPU with whatever else runs: say how busy the machine was.
  console.log(`${cpus().length} cores, load average ${defined(loadavg()[0]).toFixed(1)} at the end`);
  kpis.sort((a, b) => a - b);
  gaps.sort((a, b) => a - b);
  const ms = (v: number) => `${Math.round(v)} ms`;
  console.log(`Initial JavaScript: ${kb(entryJs)} gzipped (${entry.js.length} files), CSS ${kb(entryCss)}`);
  console.log(
    `JavaScript the overview needs before its figures: ${kb(overviewJs)} gzipped (charts load after)`,
  );
  console.log(
    `Overview, cold load, ${runs} runs: KPI values p50 ${ms(quantile(kpis, 0.5))}, p95 ${ms(quantile(kpis, 0.95))}; gap panel p50 ${ms(quantile(gaps, 0.5))}, p95 ${ms(quantile(gaps, 0.95))}`,
  );
}
