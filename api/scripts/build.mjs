// Bundles the API's entries with esbuild: `node` (the self-hosted server `pnpm start` runs),
// `vercel` (the function's handler) and `worker` (Cloudflare Workers). Usage: node scripts/build.mjs [entry…]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const repo = join(root, '..');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Replaces database drivers a runtime cannot run with a module that says so, keeping them out of the bundle. */
function withoutDrivers(runtime, drivers) {
  const filter = new RegExp(`^\\./drivers/(${drivers.join('|')})$`);
  return {
    name: 'without-drivers',
    setup(b) {
      b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'absent-driver' }));
      b.onLoad({ filter: /.*/, namespace: 'absent-driver' }, (args) => ({
        contents: `export function unavailable() { throw new Error(${JSON.stringify(
          `${args.path.slice('./drivers/'.length)} is not available on ${runtime}: use the Neon driver (DB_DRIVER=neon)`,
        )}); }\nexport const openPglite = unavailable, openNodePg = unavailable;`,
        loader: 'js',
      }));
    },
  };
}

/**
 * CommonJS packages `require()` Node's modules, which an ES module bundle cannot do at run time:
 * each such require becomes an import of the module the Workers runtime provides (nodejs_compat).
 */
const requireBuiltinsAsImports = {
  name: 'require-builtins-as-imports',
  setup(b) {
    const filter = new RegExp(`^(${nodeBuiltins.map((m) => m.replace(/[/]/g, '\\/')).join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.kind === 'require-call' ? { path: args.path, namespace: 'builtin-require' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin-require' }, (args) => ({
      contents: `import builtin from ${JSON.stringify(args.path.startsWith('node:') ? args.path : `node:${args.path}`)};\nmodule.exports = builtin;`,
      loader: 'js',
    }));
  },
};

/** zod's `z.locales` carries every language's messages (a third of the function's entry); the API speaks English. */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) =>
      /zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.c?js$/.test(args.importer)
        ? {
            path: join(dirname(args.importer), `../locales/en.${args.path.endsWith('.cjs') ? 'cjs' : 'js'}`),
            namespace: 'zod-locales',
          }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: args.path.endsWith('.cjs')
        ? `exports.en = require('./en.cjs').default;`
        : `export { default as en } from './en.js';`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/** pdfkit finds its standard fonts with a run-time require of its own `#standard-fonts/*` imports: bundle them. */
const pdfkitFonts = {
  name: 'pdfkit-standard-fonts',
  setup(b) {
    b.onLoad({ filter: /pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(
        /require\$1\('#standard-fonts\/(\w+)'\)/g,
        "require('./standard-fonts/$1.cjs')",
      ),
      loader: 'js',
    }));
  },
};

/**
 * A Worker has no files to read the board pack's fonts from: the bundle carries them (as base64 text,
 * decoded on the first board pack, not at start-up) in place of api/src/reports/board-pack/fonts.ts.
 */
const fontsInBundle = {
  name: 'fonts-in-bundle',
  setup(b) {
    b.onLoad({ filter: /reports[\\/]board-pack[\\/]fonts\.ts$/ }, () => {
      const require = createRequire(join(root, 'package.json'));
      const file = (name) => JSON.stringify(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
      return {
        contents: `import regular from ${file('DejaVuSansCondensed.ttf')};
import bold from ${file('DejaVuSansCondensed-Bold.ttf')};
import { Buffer } from 'node:buffer';
let fonts;
export function loadFonts() {
  fonts ??= Promise.resolve({ regular: Buffer.from(regular, 'base64'), bold: Buffer.from(bold, 'base64') });
  return fonts;
}`,
        loader: 'js',
        resolveDir: root,
      };
    });
  },
};

/** The migrations stay in db/migrations: point the bundled module at them from where the bundle lands. */
function migrationsBeside(outfile) {
  const path = relative(dirname(outfile), join(repo, 'db/migrations')).split('\\').join('/');
  return {
    name: 'migrations-folder',
    setup(b) {
      b.onLoad({ filter: /db[\\/]src[\\/]migrations-folder\.ts$/ }, () => ({
        contents: `import { fileURLToPath } from 'node:url';\nexport const migrationsFolder = fileURLToPath(new URL(${JSON.stringify(path)}, import.meta.url));`,
        loader: 'ts',
      }));
    },
  };
}

/** Node bundles keep third-party packages as imports (PGlite, pdfkit and fonts read files beside their code). */
const workspaceOnly = {
  name: 'workspace-only',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@salesready/') ? undefined : { path: args.path, external: true },
    );
  },
};

const entries = {
  node: (outfile) => ({
    entryPoints: [join(root, 'src/entry/node.ts')],
    platform: 'node',
    target: 'node20',
    plugins: [workspaceOnly, migrationsBeside(outfile)],
  }),
  // Self-contained: a Vercel function ships only its own folder (api/scripts/vercel-output.mjs).
  vercel: () => ({
    entryPoints: [join(root, 'src/entry/vercel.ts')],
    platform: 'node',
    target: 'node20',
    // Optional native add-ons their packages fall back from.
    external: ['pg-native', 'bufferutil', 'utf-8-validate'],
    // CommonJS packages inside an ES module bundle require Node's modules through this.
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);",
    },
    // A function never migrates (that is a deploy step), so its migrations folder is left unresolved.
    plugins: [pdfkitFonts, zodEnglishOnly, withoutDrivers('Vercel', ['pglite'])],
    minify: true,
    splitting: true,
  }),
  worker: () => ({
    entryPoints: [join(root, 'src/entry/worker.ts')],
    // Node's builds of the packages (nodejs_compat runs them; browser builds lack what the exports use,
    // such as exceljs's streaming writer and Node streams that archiver accepts), Workers' where offered.
    platform: 'node',
    target: 'es2022',
    conditions: ['workerd', 'worker'],
    // Provided by the Workers runtime under the nodejs_compat flag (wrangler.toml).
    external: nodeBuiltins,
    // Workers modules have no URL; module-level createRequire(import.meta.url) needs one to start.
    define: { 'import.meta.url': JSON.stringify('file:///worker/index.mjs') },
    loader: { '.ttf': 'base64' },
    plugins: [
      fontsInBundle,
      requireBuiltinsAsImports,
      zodEnglishOnly,
      pdfkitFonts,
      withoutDrivers('Cloudflare Workers', ['pglite', 'node-pg']),
    ],
    minify: true,
  }),
};

const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(entries);
const sizes = {};
for (const name of wanted) {
  const options = entries[name];
  if (!options) throw new Error(`unknown entry ${name}: choose from ${Object.keys(entries).join(', ')}`);
  const outdir = join(root, 'dist', name);
  const outfile = join(outdir, 'index.mjs');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const { splitting, ...rest } = options(outfile);
  const result = await build({
    bundle: true,
    format: 'esm',
    // Split bundles keep what the first request does not need (XLSX, PDF) in chunks loaded on use.
    ...(splitting
      ? {
          splitting,
          outdir,
          entryNames: 'index',
          chunkNames: 'chunks/[name]-[hash]',
          outExtension: { '.js': '.mjs' },
        }
      : { outfile }),
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    ...rest,
  });
  const outputs = Object.entries(result.metafile.outputs).filter(([path]) => path.endsWith('.mjs'));
  const entry = outputs.find(([path]) => path.endsWith(`${name}/index.mjs`));
  sizes[name] = {
    bytes: entry?.[1].bytes ?? 0,
    total: outputs.reduce((sum, [, o]) => sum + o.bytes, 0),
    inputs: Object.keys(result.metafile.inputs).length,
  };
  writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
}
for (const [name, { bytes, total, inputs }] of Object.entries(sizes)) {
  const chunks =
    total > bytes ? ` (+${((total - bytes) / 1024).toFixed(0)} KiB in chunks loaded on use)` : '';
  console.log(`api/dist/${name}/index.mjs  ${(bytes / 1024).toFixed(0)} KiB${chunks} from ${inputs} modules`);
}
