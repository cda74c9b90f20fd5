// Every TypeScript block of README.md, as a reader pastes it into a new project: the blocks are
// written to files of a fresh consumer project in which 'typed-mlp' is the packed package (the
// tarball `npm pack` makes, unpacked), compiled by TypeScript 7, 5.9 and 5.7 (strict, with the
// options `tsc --init` turns on), and run with node. A failure names the README line.
//
// The conventions of README.md's code blocks:
// - ```ts            a complete program: its imports and its data are in the block. It must compile
//                    with no error under every compiler, and run with node without throwing.
// - ```ts fragment   a piece of a program (a shape, a signature): not compiled. GitHub still
//                    highlights it as TypeScript. Use it only where a complete block would hide the point.
// - `// ✗ TEXT`      at the end of a line of a complete block: that line must NOT compile, and a
//                    compiler error reported on that line must contain TEXT (for every compiler).
//                    The other lines must compile. The block runs with those lines left out (each
//                    would throw at run time too), so a ✗ line must be a whole statement on its own.
// - `// TYPE …` ending a top-level `const` declaration (its first line, or the last line of one that
//   spans several), TYPE starting with `Matrix<`, `Network<` or `Dim<` and running to the bracket
//   that closes it, is the declared name's type; `const [a, b] = …; // [TYPE, TYPE]` gives each
//   name's; a line `//    ^? TYPE` says it of the const above it. Every compiler must find the type
//   identical to TYPE (not merely assignable), through a line appended to the compiled file.
// - A plain ``` block that starts with `readme.ts(` is the compiler's output for the nearest ```ts
//   block above it, compiled as the file readme.ts: TypeScript 7, 5.9 and 5.7 must print exactly it.
// - ```sh, ```json, ```text, ```python and a plain ``` are not TypeScript and are not run (a ```json block must
//   parse). ```js, ```typescript and any other info string are refused, so no block escapes the check.
//
// README_SNIPPETS_FILE=path checks another Markdown file (a copy with a mistake put in on purpose, say);
// README_SNIPPETS_KEEP=1 keeps the consumer project and prints where it is.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ran, start } from './helpers/spawn.js';
import { buildIfMissing } from './helpers/build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readmePath = process.env['README_SNIPPETS_FILE'] ?? join(root, 'README.md');
const compilers = {
  'TypeScript 7': join(root, 'node_modules/typescript/bin/tsc'),
  'TypeScript 5.9': join(root, 'node_modules/typescript5/bin/tsc'),
  'TypeScript 5.7': join(root, 'node_modules/typescript-oldest/bin/tsc'),
} as const;
type Compiler = keyof typeof compilers;
/** The compiler whose JavaScript is run. */
const emitter: Compiler = 'TypeScript 7';

/** Info strings of blocks that are not TypeScript and are shown, not run. */
const NOT_CODE = new Set(['', 'sh', 'json', 'text', 'python']);
const MARK = '// ✗ ';

interface Block {
  /** README line of the block's first line of code (1-based). */
  readonly line: number;
  readonly info: string;
  readonly code: string;
}

/** The fenced code blocks of a Markdown text, with the README line of each one's first line. */
function blocksOf(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end++;
    if (end === lines.length) throw new Error(`README.md:${i + 1}: a code block is never closed`);
    blocks.push({ line: start + 1, info: open[1]!.trim(), code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** The ✗ lines of a block: 1-based line in the block → the text its error must contain. */
function expectedErrors(code: string): Map<number, string> {
  const out = new Map<number, string>();
  code.split('\n').forEach((l, k) => {
    const at = l.indexOf(MARK);
    if (at !== -1) out.set(k + 1, l.slice(at + MARK.length).trim());
  });
  return out;
}

interface Diagnostic {
  readonly file: string;
  readonly line: number;
  /** The first line of the message and its indented continuation lines, as printed. */
  readonly text: string;
}

/** Parses `tsc --pretty false` output: `file(line,col): error TSxxxx: …` plus indented lines. */
function diagnosticsOf(output: string): Diagnostic[] {
  const out: { file: string; line: number; text: string }[] = [];
  for (const l of output.split('\n')) {
    const m = /^(.+?)\((\d+),\d+\): error TS\d+: /.exec(l);
    if (m) out.push({ file: m[1]!, line: Number(m[2]), text: l });
    else if (/^\s/.test(l) && out.length > 0 && l.trim() !== '') out[out.length - 1]!.text += `\n${l}`;
    else if (l.trim() !== '') out.push({ file: '', line: 0, text: l }); // anything else (a global error) is kept, never dropped
  }
  return out;
}

/** The type at the start of a `// TYPE …` comment, up to the bracket that closes its first one. */
function leadingType(comment: string): string | undefined {
  if (!/^(Matrix<|Network<|Dim<|\[)/.test(comment)) return undefined;
  let depth = 0;
  for (let i = 0; i < comment.length; i++) {
    const ch = comment[i]!;
    if (ch === '<' || ch === '[' || ch === '(') depth++;
    else if (ch === '>' || ch === ']' || ch === ')') {
      depth--;
      if (depth === 0) return comment.slice(0, i + 1);
    }
  }
  return undefined;
}

/** A type comment of a block: its 1-based line in the block, the expression whose type it states, and the type. */
interface TypeComment {
  readonly line: number;
  readonly of: string;
  readonly type: string;
}

/** The `// TYPE` comments on the top-level const declarations of a block (see the top of the file). */
function typeComments(code: string): TypeComment[] {
  const lines = code.split('\n');
  const out: TypeComment[] = [];
  lines.forEach((text, k) => {
    const hover = /^\s*\/\/\s*\^\?\s*(.*)$/.exec(text);
    const at = text.indexOf('// ');
    const comment = hover ? hover[1]! : at === -1 ? '' : text.slice(at + 3);
    // The const the comment belongs to: this line's, or (a closing line, or a ^? line) the nearest above.
    let d = k;
    if (hover || /^[\])}]/.test(text)) while (d > 0 && !lines[d]!.startsWith('const ')) d--;
    const decl = /^const (\w+|\[[\w\s,]+\]) = /.exec(lines[d]!);
    if (!decl) return;
    const names = decl[1]!;
    if (names.startsWith('[') !== comment.startsWith('[')) return; // `[…]` states a destructured tuple; `[[0], [1]]` on `const p =` is a value
    const type = leadingType(comment);
    if (type === undefined) return;
    const of = names.startsWith('[') ? `[${names.slice(1, -1).split(',').map((n) => `typeof ${n.trim()}`).join(', ')}]` : `typeof ${names}`;
    out.push({ line: k + 1, of, type });
  });
  return out;
}

/**
 * Lines to append to a block's file that compile only if each type comment is exact: the package's
 * names are qualified (`Matrix` → `__tm.Matrix`), so nothing clashes with the block's own imports.
 * On a mismatch the error prints the real type. Returns the text and, per appended line, its comment.
 */
function typeChecks(code: string): { text: string; at: Map<number, TypeComment> } {
  const comments = typeComments(code);
  const first = code.split('\n').length + 2; // after the block and `export {};`
  const at = new Map<number, TypeComment>();
  const lines = [
    "import type * as __tm from 'typed-mlp';",
    'type __Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : { theTypeIs: A };',
  ];
  for (const c of comments) {
    at.set(first + lines.length, c);
    lines.push(`const __line${c.line}: __Same<${c.of}, ${c.type.replace(/\b([A-Z]\w*)/g, '__tm.$1')}> = true;`);
  }
  return { text: comments.length ? `${lines.join('\n')}\n` : '', at };
}

// CI=true: a block's `progress: true` stays silent, as it does under CI.
const run = (args: string[], cwd: string, timeout = 60_000): Promise<Ran> => start(process.execPath, args, { cwd, timeout, env: { ...process.env, CI: 'true' } });

const readme = readFileSync(readmePath, 'utf8');
const blocks = blocksOf(readme);
const complete = blocks.filter((b) => b.info === 'ts');
/** The file each complete block is compiled as, and the same with its ✗ lines left out (the one that runs). */
const checkFile = (b: Block) => `check-L${b.line}.ts`;
const runFile = (b: Block) => `snippet-L${b.line}.ts`;
const outputs = blocks.filter((b) => b.info === '' && b.code.startsWith('readme.ts('));
/** The ```ts block an output block belongs to: the nearest one above it. */
const sourceOf = (o: Block) => complete.filter((b) => b.line < o.line).at(-1);

let tmp: string;
let project: string;
let compiled: Record<Compiler, Promise<Diagnostic[]>>;
let runs: Promise<Map<number, Ran>>;
/** Per block: the appended type-check lines of its run file and the comment each checks. */
const typeLines = new Map<number, Map<number, TypeComment>>();

beforeAll(() => {
  buildIfMissing('dist/src/index.js', 'dist/src/index.d.ts');
  tmp = mkdtempSync(join(tmpdir(), 'typed-mlp-readme-'));
  // The package as a user gets it. --ignore-scripts: a scripted pack would build dist/ again under
  // the other test files' feet (npm test has just built it).
  const p = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8' });
  expect(p.status, p.stderr).toBe(0);
  const [{ filename }] = JSON.parse(p.stdout) as [{ filename: string }];
  project = join(tmp, 'consumer');
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, 'typed-mlp'), { recursive: true });
  const x = spawnSync('tar', ['-xzf', join(tmp, filename), '-C', join(modules, 'typed-mlp'), '--strip-components=1'], { encoding: 'utf8' });
  expect(x.status, x.stderr).toBe(0);
  // What npm install would add beside it: the package's dependencies (from this repo's node_modules,
  // so nothing touches the network), and @types/node, which a snippet importing node:fs needs.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const dep of [...Object.keys(pkg.dependencies ?? {}), '@types/node']) {
    mkdirSync(join(modules, dep, '..'), { recursive: true });
    symlinkSync(join(root, 'node_modules', dep), join(modules, dep), 'dir');
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'readme-snippets', private: true, type: 'module' }));

  for (const b of complete) {
    // `export {}` after the last line keeps every file a module (and the line numbers as they are).
    writeFileSync(join(project, checkFile(b)), `${b.code}\nexport {};\n`);
    const run = b.code.split('\n').map((l) => (l.includes(MARK) ? '' : l)).join('\n');
    const checks = typeChecks(b.code);
    typeLines.set(b.line, checks.at);
    writeFileSync(join(project, runFile(b)), `${run}\nexport {};\n${checks.text}`);
  }
  for (const o of outputs) {
    const b = sourceOf(o);
    if (b) writeFileSync(join(project, 'readme.ts'), `${b.code}\n`);
  }
  // As `tsc --init` (5.9) writes it, plus lib and types for a Node project.
  const compilerOptions = {
    strict: true,
    target: 'es2022',
    lib: ['es2022'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    types: ['node'],
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    skipLibCheck: true,
    pretty: false,
  };
  const files = [...complete.flatMap((b) => [checkFile(b), runFile(b)]), ...(outputs.length ? ['readme.ts'] : [])];
  const config = (name: string, emit: boolean) => {
    const options = emit ? { ...compilerOptions, outDir: 'out', sourceMap: true } : { ...compilerOptions, noEmit: true };
    writeFileSync(join(project, name), JSON.stringify({ compilerOptions: options, files }, null, 2));
    return name;
  };
  const jobs = Object.fromEntries(
    (Object.keys(compilers) as Compiler[]).map((c) => [
      c,
      run([compilers[c], '-p', config(`tsconfig.${c.replace(/\W/g, '')}.json`, c === emitter)], project).then((r) => diagnosticsOf(r.stdout + r.stderr)),
    ]),
  ) as Record<Compiler, Promise<Diagnostic[]>>;
  compiled = jobs;

  // Each block runs in its own directory (some write files), two at a time.
  runs = jobs[emitter].then(async () => {
    const results = new Map<number, Ran>();
    const queue = [...complete];
    const worker = async () => {
      for (let b = queue.shift(); b; b = queue.shift()) {
        const cwd = join(project, `run-L${b.line}`);
        mkdirSync(cwd);
        const js = join(project, 'out', runFile(b).replace(/\.ts$/, '.js'));
        results.set(b.line, existsSync(js) ? await run(['--enable-source-maps', js], cwd, 30_000) : { status: null, stdout: '', stderr: `${js} was not emitted` });
      }
    };
    await Promise.all([worker(), worker()]);
    return results;
  });
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([runs, ...Object.values(compiled ?? {})]);
  // README_SNIPPETS_KEEP=1 keeps the project (snippet files, compiled output, each run's directory) to look at.
  if (process.env['README_SNIPPETS_KEEP']) console.log(`README snippets kept in ${project}`);
  else if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A diagnostic of a snippet file, pointed at its README line. */
function atReadme(b: Block, d: Diagnostic): string {
  return `README.md:${b.line + d.line - 1}: ${d.text.replace(/^.+?\(\d+,\d+\): /, '')}`;
}

describe('README.md code blocks', () => {
  it('each is a complete ```ts block, a ```ts fragment, or not TypeScript (sh, json, text, plain)', () => {
    const unknown = blocks.filter((b) => b.info !== 'ts' && b.info !== 'ts fragment' && !NOT_CODE.has(b.info));
    expect(unknown.map((b) => `README.md:${b.line - 1}: \`\`\`${b.info}`)).toEqual([]);
    expect(complete.length).toBeGreaterThan(10);
  });

  it('each ```json block is valid JSON', () => {
    const invalid = blocks.filter((b) => b.info === 'json').flatMap((b) => {
      try {
        JSON.parse(b.code);
        return [];
      } catch (e) {
        return [`README.md:${b.line}: ${(e as Error).message}`];
      }
    });
    expect(invalid).toEqual([]);
  });

  it('has at most one compiler-output block (each is checked as the file readme.ts)', () => {
    expect(outputs.map((o) => `README.md:${o.line - 1}`).slice(1)).toEqual([]);
  });

  it('a ✗ mark is only used in a complete block', () => {
    const misplaced = blocks.filter((b) => b.info !== 'ts' && b.code.includes(MARK));
    expect(misplaced.map((b) => `README.md:${b.line - 1}: \`\`\`${b.info}`)).toEqual([]);
  });
});

describe.each(Object.keys(compilers) as Compiler[])('%s', (compiler) => {
  it.each(complete.map((b) => [b.line, b] as const))('README.md:%i compiles, fails exactly on its ✗ lines with their text, and has the types its comments say', async (_, b) => {
    const all = await compiled[compiler];
    const global = all.filter((d) => d.file === '');
    expect(global.map((d) => d.text)).toEqual([]);
    // The block with its ✗ lines left out, and its type comments' checks: no error at all.
    const checks = typeLines.get(b.line)!;
    const runErrors = all
      .filter((d) => d.file === runFile(b))
      .map((d) => {
        const c = checks.get(d.line);
        if (!c) return atReadme(b, d);
        const real = /theTypeIs: ([\s\S]*); \}'/.exec(d.text)?.[1];
        return `README.md:${b.line + c.line - 1}: the comment says ${c.type}, but ${real ? `the type is ${real}` : d.text.replace(/^.*?error TS\d+: /, '')}`;
      });
    // The block as written: an error on each ✗ line containing its text, and nowhere else.
    const wanted = expectedErrors(b.code);
    const errors = all.filter((d) => d.file === checkFile(b));
    const unexpected = errors.filter((d) => !wanted.has(d.line)).map((d) => atReadme(b, d));
    const missing = [...wanted]
      .filter(([line, text]) => !errors.some((d) => d.line === line && d.text.replace(/\s+/g, ' ').includes(text)))
      .map(([line, text]) => {
        const got = errors.filter((d) => d.line === line).map((d) => atReadme(b, d));
        return `README.md:${b.line + line - 1}: expected an error containing "${text}", got ${got.length ? got.join('\n') : 'none'}`;
      });
    expect([...runErrors, ...unexpected, ...missing]).toEqual([]);
  }, 90_000); // awaits the compilers (and the runs), which share two cores with the rest of npm test

  it.each(outputs.map((o) => [o.line, o] as const))('prints the compiler output shown at README.md:%i', async (_, o) => {
    expect(sourceOf(o), 'no ```ts block above it').toBeDefined();
    const printed = (await compiled[compiler])
      .filter((d) => d.file === 'readme.ts')
      .map((d) => d.text)
      .join('\n');
    expect(printed).toBe(o.code);
  }, 90_000); // awaits the compilers (and the runs), which share two cores with the rest of npm test
});

describe('type comments', () => {
  it('are found where the README has them', () => {
    const found = complete.flatMap((b) => typeComments(b.code));
    expect(found.length).toBeGreaterThan(25);
  });
});

describe('run with node', () => {
  it.each(complete.map((b) => [b.line, b] as const))('README.md:%i runs without an error', async (_, b) => {
    const r = (await runs).get(b.line)!;
    // Point the stack at README lines: the source map gives snippet-L<line>.ts:<l>.
    const explain = (text: string) => text.replace(/(?:[^\s(]*\/)?snippet-L\d+\.ts:(\d+)/g, (_m, l: string) => `README.md:${b.line + Number(l) - 1}`);
    expect(r.status, `README.md:${b.line}: exit ${r.status}\n${explain(r.stderr)}`).toBe(0);
  }, 90_000); // awaits the compilers (and the runs), which share two cores with the rest of npm test
});
