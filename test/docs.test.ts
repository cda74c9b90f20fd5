// docs/derivation.md quotes src/ verbatim; this keeps the quotes true when the code changes. And
// what a person who clones the repository or installs the package reads (README.md, docs/, the
// package's manifest, the CLI's help, the doc comments that ship in the .d.ts) points at nothing
// they do not have: no project spec, no issue tracker, no notebook, no sibling directory.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildIfMissing } from './helpers/build.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [readFileSync(join(dir, e.name), 'utf8')] : [],
  );
}

it('every line of code quoted in docs/derivation.md is a line of src/', () => {
  const doc = readFileSync(join(root, 'docs/derivation.md'), 'utf8');
  const srcLines = new Set(sources(join(root, 'src')).flatMap((s) => s.split('\n').map((l) => l.trim())));
  const quoted = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n').map((l) => l.trim()));
  const missing = quoted.filter((l) => l !== '' && l !== '…' && !srcLines.has(l));
  expect(quoted.length).toBeGreaterThan(30);
  expect(missing).toEqual([]);
});

/** References to material outside the repository: the project's spec, its issue tracker, the notebook it began as, ../shared. */
const OUTSIDE = [/\bSPEC\b/, /\.\.\/shared\b/, /\bissues? #?\d/i, /\bnotebook/i];

/** Each line of `text` that refers outside the repository, as `name:line: text`. */
function outside(name: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => (OUTSIDE.some((re) => re.test(line)) ? [`${name}:${i + 1}: ${line.trim()}`] : []));
}

describe('no reference to material a clone does not have', () => {
  // A public upstream issue is a link anyone can follow: [owner/repo#123](https://github.com/…).
  const withoutLinks = (text: string) => text.replace(/\[[^\]]*\]\(https:\/\/github\.com\/[^)]*\)/g, '');

  it('in README.md and docs/*.md', () => {
    const docs = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
    const found = ['README.md', ...docs].flatMap((f) => outside(f, withoutLinks(readFileSync(join(root, f), 'utf8'))));
    expect(found).toEqual([]);
  });

  it('in package.json', () => {
    expect(outside('package.json', readFileSync(join(root, 'package.json'), 'utf8'))).toEqual([]);
  });

  it("in the CLI's --help, and each command's", () => {
    buildIfMissing('dist/src/cli/main.js');
    const help = (args: string[]) => {
      const r = spawnSync(process.execPath, [join(root, 'bin/typed-mlp.js'), ...args], { cwd: root, encoding: 'utf8' });
      return r.stdout + r.stderr;
    };
    const top = help(['--help']);
    expect(top).toContain('usage: typed-mlp');
    const commands = [...new Set([...top.matchAll(/typed-mlp (\w[\w-]*)/g)].map((m) => m[1]!))];
    const found = [['--help'], ...commands.map((c) => [c, '--help'])].flatMap((args) => outside(`typed-mlp ${args.join(' ')}`, help(args)));
    expect(found).toEqual([]);
  });

  it('in the doc comments of src/ and types/, which ship in the .d.ts files and the API reference', () => {
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(`${dir}/${e.name}`) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [`${dir}/${e.name}`] : [],
      );
    const found = [...files('src'), ...files('types')].flatMap((f) => {
      const text = readFileSync(join(root, f), 'utf8');
      // Only /** … */ comments: the .d.ts keeps them; // comments stay in the source.
      return [...text.matchAll(/\/\*\*[\s\S]*?\*\//g)].flatMap((m) => {
        const line = text.slice(0, m.index).split('\n').length;
        return outside(f, m[0]).map((hit) => hit.replace(/^([^:]+):(\d+):/, (_, name: string, l: string) => `${name}:${line + Number(l) - 1}:`));
      });
    });
    expect(found).toEqual([]);
  });
});
