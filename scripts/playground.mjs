// The playground (examples/playground/), built with esbuild's API.
//
//   node scripts/playground.mjs build    a static site in dist/playground/ (npm run build:playground):
//                                        index.html, main.js, main.css, worker.js, with relative URLs
//                                        only, so it works from any static host and from a subfolder
//   node scripts/playground.mjs serve    serves it on 127.0.0.1 with live rebuild and reload
//                                        (npm run playground); --port N or PORT=N, default 8000
//
// 'typed-mlp' is imported by its package name and resolves through package.json "exports" to the
// built library, dist/src/index.js (so `npm run build` comes first; both npm scripts run it). The
// derivation panel's source lines come from examples/playground/sources.json: each needle is looked
// up in docs/derivation.md or its src/ file here, and the build fails if one is missing or not unique.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const here = join(root, 'examples/playground');
const DOC = 'docs/derivation.md';

/** sources.json with every needle replaced by the file, 1-based line and text of where it is. */
export function resolveSources() {
  const spec = JSON.parse(readFileSync(join(here, 'sources.json'), 'utf8'));
  const files = new Map();
  const text = (file) => {
    if (!files.has(file)) files.set(file, readFileSync(join(root, file), 'utf8'));
    return files.get(file);
  };
  const locate = (file, needle, key) => {
    const body = text(file);
    const at = body.indexOf(needle);
    if (at === -1) throw new Error(`playground: the source line of "${key}" is no longer in ${file}: ${JSON.stringify(needle)} (update examples/playground/sources.json)`);
    if (body.indexOf(needle, at + 1) !== -1) throw new Error(`playground: the source line of "${key}" occurs more than once in ${file}: ${JSON.stringify(needle)}`);
    const line = body.slice(0, at).split('\n').length;
    // The whole line, trimmed, with the runs of spaces that align its comment shortened (for display).
    return { file, line, text: body.split('\n')[line - 1].trim().replace(/ {3,}/g, '  ') };
  };
  const out = {};
  for (const [key, entry] of Object.entries(spec)) {
    if (key.startsWith('$')) continue;
    out[key] = {
      ...(entry.doc !== undefined && { doc: locate(DOC, entry.doc, key) }),
      src: (entry.src ?? []).map(([file, needle]) => locate(file, needle, key)),
    };
  }
  return { sources: out, files: [...files.keys()].map((f) => join(root, f)) };
}

/** The esbuild plugin of the virtual module 'playground:sources', and the page's static files. */
function playgroundPlugin(outdir) {
  return {
    name: 'playground',
    setup(build) {
      build.onResolve({ filter: /^playground:sources$/ }, () => ({ path: 'sources', namespace: 'playground' }));
      build.onLoad({ filter: /.*/, namespace: 'playground' }, () => {
        const { sources, files } = resolveSources();
        return { contents: JSON.stringify(sources), loader: 'json', watchFiles: [join(here, 'sources.json'), join(here, 'index.html'), ...files] };
      });
      build.onEnd((result) => {
        if (result.errors.length === 0) copyFileSync(join(here, 'index.html'), join(outdir, 'index.html'));
      });
    },
  };
}

function options(outdir, dev) {
  return {
    absWorkingDir: root,
    entryPoints: { main: join(here, 'main.ts'), worker: join(here, 'worker.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir,
    sourcemap: dev ? 'inline' : 'linked',
    minify: !dev,
    legalComments: 'none',
    define: { PLAYGROUND_DEV: String(dev) },
    plugins: [playgroundPlugin(outdir)],
    logLevel: 'warning',
  };
}

function checkLibrary() {
  if (!existsSync(join(root, 'dist/src/index.js'))) {
    console.error('playground: the library is not built (dist/src/index.js): run `npm run build` first.');
    process.exit(1);
  }
}

/** Writes the static site to dist/playground/ (emptied first) and lists its files. */
export async function buildSite(outdir = join(root, 'dist/playground')) {
  checkLibrary();
  const { build } = await import('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build(options(outdir, false));
  return readdirSync(outdir).sort().map((f) => ({ file: f, bytes: statSync(join(outdir, f)).size }));
}

async function serve(port) {
  checkLibrary();
  const { context } = await import('esbuild');
  const outdir = join(root, 'dist/playground-dev');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const ctx = await context({ ...options(outdir, true), logLevel: 'info' });
  await ctx.watch();
  const server = await ctx.serve({ servedir: outdir, host: '127.0.0.1', port });
  console.log(`playground: http://127.0.0.1:${server.port}/  (rebuilds and reloads on every change; Ctrl+C stops)`);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const [command = 'build', ...rest] = process.argv.slice(2);
  const portArg = rest.indexOf('--port');
  const port = Number(portArg >= 0 ? rest[portArg + 1] : process.env.PORT ?? 8000);
  try {
    if (command === 'build') {
      const t0 = Date.now();
      const files = await buildSite();
      const out = relative(process.cwd(), join(root, 'dist/playground')) || '.';
      console.log(`playground: ${out}/ in ${Date.now() - t0} ms: ${files.map((f) => `${f.file} ${(f.bytes / 1024).toFixed(1)} kB`).join(', ')}`);
    } else if (command === 'serve') {
      await serve(port);
    } else {
      console.error(`usage: node scripts/playground.mjs build|serve [--port N]`);
      process.exit(2);
    }
  } catch (e) {
    // esbuild has printed its own errors; a missing source line is ours.
    if (!e?.errors) console.error(e?.message ?? e);
    process.exit(1);
  }
}
