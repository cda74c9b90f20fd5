/**
 * `--help` for every command (in both spellings), the general help, and `--version`: the built
 * CLI in child processes. Each command's help lists every flag the parser accepts (read from the
 * same table), with the defaults fit runs with.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/args.js';
import { FIT_DEFAULTS } from '../src/cli/fit.js';
import { cli } from './helpers/cli.js';

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
    expect(help).toMatch(/\nExample:\n {2}typed-mlp /);
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
  it.each(['eval', 'train', 'gradcheck'])('%s --help and help COMMAND print their FILE format', (command) => {
    const r = cli(command, '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: typed-mlp eval FILE/);
    expect(r.stdout).toMatch(/FILE is a JSON object/);
    expect(cli('help', command).stdout).toBe(r.stdout);
  });

  it('--help after FILE stays an unknown flag for them, as before (one line of JSON or one error line)', () => {
    const r = cli('eval', 'case.json', '--help');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('typed-mlp: eval does not take --help; it takes --plot\n');
  });
});

describe('help for what is not a command', () => {
  it('exits 2 with one line', () => {
    expect(cli('help', 'fitt')).toEqual({ status: 2, stdout: '', stderr: 'typed-mlp: unknown command "fitt"; expected eval, train, gradcheck, fit, predict, summary or help\n' });
    expect(cli('fitt', 'x.csv')).toEqual({ status: 2, stdout: '', stderr: 'typed-mlp: unknown command "fitt"; expected eval, train, gradcheck, fit, predict, summary or help\n' });
  });
});
