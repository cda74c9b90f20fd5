// `npm pack` and `npm publish` run this as `prepack`: a fresh build of dist/ for the tarball.
//
// The package has no `prepare` script. npm 11 counts a dependency's `prepare` as an install script
// when the package comes from a tarball or a git URL (it lists it as "not yet covered by
// allowScripts" until the user approves it), and runs it in a clone at every `npm install`.
// Building here instead means a consumer's install runs nothing, `npm install` in a clone builds
// nothing (so `npm run demo` builds once), and `npm pack` and `npm publish` still ship a fresh build.
// The price: `npm install github:…` gets no dist/ (npm builds a git dependency only through
// `prepare`), so the README's route from a clone is `npm ci`, `npm pack`, install the tarball.
//
// dist/ is never deleted (tests and a running `npm run demo` may be reading it): tsc writes every
// output again, then the outputs whose source file is gone are removed, so nothing stale is packed,
// then the entries are bundled (scripts/build.mjs: the JavaScript the package ships).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_CHUNK, bundleEntries, compile } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The outputs tsc writes for a source `name.ts`. */
const OUTPUTS = ['.js', '.js.map', '.d.ts'];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Builds dist/ with tsconfig.build.json, removes every file there that no source file outputs (but the bundles' chunk), and bundles the entries. Returns the removed paths. */
export async function buildPackage() {
  compile();
  const dist = join(root, 'dist');
  const removed = [];
  for (const file of walk(dist)) {
    const rel = relative(dist, file);
    if (rel === `src/${BUNDLE_CHUNK}`) continue; // made again below
    const ext = OUTPUTS.find((e) => rel.endsWith(e));
    const source = ext && join(root, `${rel.slice(0, -ext.length)}.ts`);
    if (!source || !existsSync(source)) {
      rmSync(file);
      removed.push(relative(root, file));
    }
  }
  await bundleEntries();
  return removed.sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const removed = await buildPackage();
  if (removed.length > 0) console.error(`build-package: removed ${removed.length} stale file(s) from dist/: ${removed.join(', ')}`);
}
