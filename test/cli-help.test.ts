/**
 * `--help` for every command (in both spellings), the general help, and `--version`: the built
 * CLI in child processes. Each command's help lists every flag the parser accepts (read from the
 * same table), with the defaults fit runs with.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/args.js';
import { FIT_DEFAULTS } from '../src/cli/fit.js';
import { cli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'typed-mlp-help-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('--version', () => {
  it('prints the version of package.json, read at run time', () => {
    for (const flag of ['--version', '-v']) expect(cli(flag)).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('the general help', () => {
  it('--help, -h and help list every command, and keep the usage of eval, train and gradcheck', () => {
    const general = cli('--help');
    expect(general.status).toBe(0);
    expect(general.stderr).toBe('');
    for (const spelling of [['-h'], ['help']]) expect(cli(...spelling).stdout).toBe(general.stdout);
    for (const command of Object.keys(COMMANDS)) expect(general.stdout).toMatch(new RegExp(`^(?:usage:)? +typed-mlp ${command} `, 'm'));
    expect(general.stdout).toMatch(/typed-mlp train FILE \[--lr X\] \[--epochs N\]/);
    expect(general.stdout).toMatch(/--version/);
  });

  it('no command at all: exit 2, one line, listing the usage of every command', () => {
    const r = cli();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^typed-mlp: no command given; usage: typed-mlp [^\n]+\n$/);
    for (const command of Object.keys(COMMANDS)) expect(r.stderr, command).toContain(`typed-mlp ${command} `);
    expect(r.stderr).toContain('typed-mlp --help');
  });
});

describe.each(['fit', 'predict', 'summary'] as const)('typed-mlp %s --help', (command) => {
  it('is the same as `typed-mlp help COMMAND`, `-h`, and --help after other arguments', () => {
    const r = cli(command, '--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^usage: typed-mlp ${command} `));
    expect(cli('help', command).stdout).toBe(r.stdout);
    expect(cli(command, '-h').stdout).toBe(r.stdout);
    expect(cli(command, 'data.csv', '--bogus', '--help').stdout).toBe(r.stdout);
  });

  it('lists every flag the command takes, the CSV and model file formats, and an example', () => {
    const help = cli(command, '--help').stdout;
    for (const flag of Object.keys(COMMANDS[command].flags)) expect(help, `--${flag}`).toMatch(new RegExp(`^ {2}--${flag}\\b`, 'm'));
    expect(help).toMatch(/Model file \(MODEL, written by fit --save\)/);
    expect(help).toMatch(/\nExample:[^\n]*\n(?:.*\n)*? {2}typed-mlp /);
    if (command !== 'summary') {
      expect(help).toMatch(/CSV format \(DATA\):/);
      expect(help).toMatch(/"" \(empty\),\s+"abc", "1,5" \(a decimal comma\)/);
      expect(help).toMatch(/a field in double quotes may hold commas, line breaks and\s+quotes written twice/);
      expect(help).toMatch(/LF, CRLF or CR line ends; blank lines are skipped/);
      expect(help).toMatch(/UTF-8, at most 64 MiB/);
    }
  });
});

describe('fit --help states every default fit runs with', () => {
  const help = cli('fit', '--help').stdout;
  it.each([
    ['layers', FIT_DEFAULTS.layers],
    ['activation', FIT_DEFAULTS.activation],
    ['head', FIT_DEFAULTS.head],
    ['optimizer', FIT_DEFAULTS.optimizer],
    ['lr', String(FIT_DEFAULTS.lr)],
    ['batch-size', String(FIT_DEFAULTS.batchSize)],
    ['epochs', String(FIT_DEFAULTS.epochs)],
    ['validation-split', String(FIT_DEFAULTS.validationSplit)],
    ['seed', String(FIT_DEFAULTS.seed)],
  ])('--%s (default %s)', (flag, value) => {
    const entry = help.slice(help.indexOf(`  --${flag} `));
    const block = entry.slice(0, entry.search(/\n {2}--|\n\S/));
    expect(block).toContain(`(default ${value})`);
  });
});

describe('help for eval, train and gradcheck', () => {
  it.each(['eval', 'train', 'gradcheck'] as const)('%s has its own help: its usage, its flags, the FILE format, and an example', (command) => {
    const r = cli(command, '--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^usage: typed-mlp ${command} FILE`));
    expect(r.stdout).toMatch(/FILE is a JSON object/);
    for (const flag of Object.keys(COMMANDS[command].flags)) expect(r.stdout, `--${flag}`).toMatch(new RegExp(`^ {2}--${flag}\\b`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`\\nExample: [^\\n]*\\n {2}\\{[^]*\\n {2}typed-mlp ${command} xor\\.json`));
    expect(cli('help', command).stdout).toBe(r.stdout);
    expect(cli(command, '-h').stdout).toBe(r.stdout);
  });

  it('the three helps differ (each its own usage and output)', () => {
    const helps = ['eval', 'train', 'gradcheck'].map((c) => cli(c, '--help').stdout);
    expect(new Set(helps).size).toBe(3);
  });

  it.each(['eval', 'train', 'gradcheck'] as const)("%s's example runs as written: its inline JSON saved as xor.json, then its command", (command) => {
    const help = cli(command, '--help').stdout;
    const example = help.slice(help.indexOf('\nExample:'));
    const jsonText = /\n( {2}\{[^]*?\})\n(?! )/.exec(example)![1]!;
    const file = join(dir, `${command}-xor.json`);
    writeFileSync(file, jsonText);
    const line = new RegExp(`\\n {2}typed-mlp (${command} xor\\.json[^\\n]*)`).exec(example)![1]!;
    const svg = join(dir, `${command}.svg`);
    const argv = line.split(/\s+/).map((a) => (a === 'xor.json' ? file : /\.svg$/.test(a) ? svg : a));
    const r = cli(...argv);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, any>;
    if (command === 'eval') expect(out.layerSizes).toEqual([2, 3, 1]);
    if (command === 'train') {
      expect(out).toMatchObject({ lr: 1, epochs: 500, finalAccuracy: 1 }); // what the example says it prints
      expect(help).toMatch(/"finalAccuracy":1\}: XOR learned/);
    }
    if (command === 'gradcheck') {
      expect(out.eps).toBe(1e-6);
      expect(out.maxAbsErr).toBeLessThan(1e-8); // "here both errors are below 1e-8"
      expect(out.maxRelErr).toBeLessThan(1e-8);
    }
    if (argv.includes(svg)) expect(readFileSync(svg, 'utf8')).toMatch(/^<svg /);
  });

  it('--help after FILE stays an unknown flag for them, as before (one line of JSON or one error line)', () => {
    const r = cli('eval', 'case.json', '--help');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('typed-mlp: eval does not take --help; it takes --plot\n');
  });
});

describe('the sample CSV files of fit --help and predict --help', () => {
  const sample = (help: string, firstLine: string) => {
    const at = help.indexOf(`\n  ${firstLine}\n`);
    expect(at, firstLine).toBeGreaterThan(-1);
    const lines = help.slice(at + 1).split('\n');
    const end = lines.findIndex((l) => !/^ {2}\S/.test(l) || l.startsWith('  typed-mlp ') || l === '  …');
    return `${lines.slice(0, end).map((l) => l.slice(2)).join('\n')}\n`;
  };

  it("fit's: a header and 3 rows with the columns its command names, as csv-parse reads them", () => {
    const help = cli('fit', '--help').stdout;
    const rows = parse(sample(help, 'rooms,age,note,price'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({ rooms: '3', age: '12', note: 'near the park, quiet', price: '131.2' });
    expect(help).toMatch(/typed-mlp fit houses\.csv --target price --features rooms,age --standardize/);
  });

  it("predict's: the model's feature columns by name, in another order, and one that is ignored", () => {
    const help = cli('predict', '--help').stdout;
    const rows = parse(sample(help, 'id,age,rooms'), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([{ id: 'A1', age: '25', rooms: '4' }, { id: 'A2', age: '8', rooms: '6' }]);
    expect(help).toMatch(/\n {2}typed-mlp predict house-model\.json new-houses\.csv --out predictions\.csv\n/);
  });
});

describe('fit --help says which units the loss is in, and what --standardize does to the targets', () => {
  const help = cli('fit', '--help').stdout;
  it('--standardize: the features, and a linear head\'s targets; predict maps them back', () => {
    const entry = help.slice(help.indexOf('  --standardize '));
    const block = entry.slice(0, entry.search(/\n {2}--|\n\S/));
    expect(block).toMatch(/with a linear head each target too/);
    expect(block).toMatch(/predict applies\s+them/);
    expect(block).toMatch(/targets' units/);
  });
  it('the loss printed: mean squared error in the targets\' units squared; history of the standardized targets', () => {
    expect(help).toMatch(/mean squared error in the targets' units squared/);
    expect(help).toMatch(/with --standardize and a linear head,\s+of the standardized targets/);
    expect(help).toMatch(/"targetScaler" when it also scaled the targets of a linear head/);
  });
});

describe('help for what is not a command', () => {
  it('exits 2 with one line', () => {
    expect(cli('help', 'fitt')).toEqual({ status: 2, stdout: '', stderr: 'typed-mlp: unknown command "fitt"; expected eval, train, gradcheck, fit, predict, summary or help\n' });
    expect(cli('fitt', 'x.csv')).toEqual({ status: 2, stdout: '', stderr: 'typed-mlp: unknown command "fitt"; expected eval, train, gradcheck, fit, predict, summary or help\n' });
  });
});
