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
// output again, then the outputs whose source file is gone are removed, so nothing stale is packed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The outputs tsc writes for a source `name.ts`. */
const OUTPUTS = ['.js', '.js.map', '.d.ts', '.d.ts.map'];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Builds dist/ with tsconfig.build.json, then removes every file there that no source file outputs. Returns the removed paths. */
export function buildPackage() {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  const dist = join(root, 'dist');
  const removed = [];
  for (const file of walk(dist)) {
    const rel = relative(dist, file);
    const ext = OUTPUTS.find((e) => rel.endsWith(e));
    const source = ext && join(root, `${rel.slice(0, -ext.length)}.ts`);
    if (!source || !existsSync(source)) {
      rmSync(file);
      removed.push(relative(root, file));
    }
  }
  return removed.sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const removed = buildPackage();
  if (removed.length > 0) console.error(`build-package: removed ${removed.length} stale file(s) from dist/: ${removed.join(', ')}`);
}
