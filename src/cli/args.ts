import { parseArgs as tokenize } from 'node:util';
import { InputError } from '../errors.js';

/** How a flag takes its value: text (`--lr 0.1`, `--lr=0.1`), text that may repeat, or a switch. */
export type FlagKind = 'value' | 'values' | 'switch';

/**
 * The commands of the CLI: the positional arguments each takes (by name, for the messages) and its
 * flags. eval, train and gradcheck read a JSON case FILE; fit, predict and summary read CSV data
 * and saved models.
 */
export const COMMANDS = {
  eval: { positionals: ['FILE'], flags: { plot: 'value' } },
  train: { positionals: ['FILE'], flags: { lr: 'value', epochs: 'value', 'weight-decay': 'value', plot: 'value' } },
  gradcheck: { positionals: ['FILE'], flags: { eps: 'value' } },
  fit: {
    positionals: ['DATA'],
    flags: {
      target: 'values',
      features: 'values',
      layers: 'value',
      activation: 'value',
      head: 'value',
      optimizer: 'value',
      lr: 'value',
      'batch-size': 'value',
      epochs: 'value',
      'validation-split': 'value',
      seed: 'value',
      standardize: 'switch',
      save: 'value',
      plot: 'value',
      json: 'switch',
    },
  },
  predict: { positionals: ['MODEL', 'DATA'], flags: { out: 'value', json: 'switch' } },
  summary: { positionals: ['MODEL'], flags: { json: 'switch' } },
} as const satisfies Record<string, { positionals: readonly string[]; flags: Readonly<Record<string, FlagKind>> }>;

export type Command = keyof typeof COMMANDS;

/** The commands of the JSON case FILE (the seed's), whose output is one line of JSON. */
export const CASE_COMMANDS = ['eval', 'train', 'gradcheck'] as const satisfies readonly Command[];

/**
 * One line per command (and for help and the version), with what it does: the usage that
 * `typed-mlp --help` prints, and that a command line without a command quotes on one line.
 */
export const SYNOPSES: readonly (readonly [usage: string, what: string])[] = [
  ['typed-mlp fit DATA.csv --target COL [options]', 'train on a CSV file, save the model'],
  ['typed-mlp predict MODEL.json DATA.csv [--out FILE]', 'predict the rows of a CSV file'],
  ['typed-mlp summary MODEL.json', 'the layers and columns of a saved model'],
  ['typed-mlp eval FILE [--plot net.svg]', 'a JSON case: forward, loss, gradients'],
  ['typed-mlp train FILE [--lr X] [--epochs N] [--weight-decay L] [--plot loss.svg]', 'full-batch gradient descent on it'],
  ['typed-mlp gradcheck FILE [--eps 1e-6]', 'its gradients against finite differences'],
  ['typed-mlp help COMMAND | typed-mlp COMMAND --help', "a command's flags, formats and an example"],
  ['typed-mlp --help | typed-mlp --version', 'this help; the version'],
];

/** The usage: every command, one line each (`usage: ` on the first). */
export const USAGE = SYNOPSES.map(([usage], i) => `${i === 0 ? 'usage: ' : '       '}${usage}`).join('\n');

/** A parsed command line. Flag values stay raw text so a bad one can be quoted back. */
export interface Args {
  readonly command: Command;
  /** The first positional argument (FILE, DATA or MODEL). */
  readonly file: string;
  /** Every positional argument, in order; as many as the command names. */
  readonly positionals: readonly string[];
  /** The last value of each value flag given (a repeated flag keeps its last, as it always did). */
  readonly flags: Readonly<Record<string, string>>;
  /** Every value of each repeatable flag (`--target a --target b`), in order. */
  readonly lists: Readonly<Record<string, readonly string[]>>;
  /** The switches given (`--standardize`, `--json`). */
  readonly switches: ReadonlySet<string>;
}

/** Whether `name` is a command (own keys only: `toString` is not one). */
export function isCommand(name: string | undefined): name is Command {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

/** "eval, train, gradcheck, fit, predict, summary or help". */
export const COMMAND_LIST = `${Object.keys(COMMANDS).join(', ')} or help`;

/**
 * Parses `COMMAND ARG… [--flag value | --flag=value | --switch]…`; throws an InputError on anything
 * else. Node's `util.parseArgs` splits the words (in its lenient mode, so that `--eps -1e-6` is a
 * value and the messages below stay ours); the checks are the CLI's.
 */
export function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (command === undefined) throw new InputError(`no command given; ${oneLine(USAGE)}`);
  if (!isCommand(command)) throw new InputError(`unknown command ${JSON.stringify(command)}; expected ${COMMAND_LIST}`);
  const spec = COMMANDS[command];
  const kinds: Readonly<Record<string, FlagKind>> = spec.flags;
  const allowed = Object.keys(kinds);
  const options = Object.fromEntries(allowed.map((name) => [name, { type: kinds[name] === 'switch' ? 'boolean' : 'string', multiple: kinds[name] === 'values' }] as const));
  const { tokens } = tokenize({ args: [...rest], options, strict: false, allowPositionals: true, tokens: true });
  const flags: Record<string, string> = Object.create(null) as Record<string, string>;
  const lists: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const switches = new Set<string>();
  const positionals: string[] = [];
  const takes = spec.positionals.join(' and ');
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (positionals.length === spec.positionals.length) {
        throw new InputError(`unexpected argument ${JSON.stringify(token.value)}; ${command} takes ${spec.positionals.length === 1 ? `one ${takes}` : takes}`);
      }
      positionals.push(token.value);
    } else if (token.kind === 'option') {
      const name = token.name;
      if (!Object.hasOwn(kinds, name)) {
        throw new InputError(`${command} does not take ${token.rawName}${allowed.length ? `; it takes ${allowed.map((f) => `--${f}`).join(', ')}` : ''}`);
      }
      if (kinds[name] === 'switch') {
        if (token.value !== undefined) throw new InputError(`--${name} takes no value, got --${name}=${token.value}`);
        switches.add(name);
        continue;
      }
      const value = token.value;
      if (value === undefined) throw new InputError(`--${name} needs a value`);
      flags[name] = value;
      (lists[name] ??= []).push(value);
    }
    // An option terminator (`--`) only makes the words after it positional.
  }
  const file = positionals[0];
  if (file === undefined) throw new InputError(`${command} needs ${spec.positionals.length === 1 ? `a ${takes}` : takes}`);
  if (positionals.length < spec.positionals.length) {
    throw new InputError(`${command} needs ${takes}, got only ${spec.positionals.slice(0, positionals.length).join(' and ')}: typed-mlp ${command} ${spec.positionals.join(' ')}`);
  }
  return { command, file, positionals, flags, lists, switches };
}

/** A number flag: the raw text if it is not a number (so the range check quotes it), else the number. */
export function numberFlag(raw: string | undefined): number | string | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return raw.trim() === '' || Number.isNaN(n) ? raw : n;
}

/**
 * A decimal number written plainly (`12`, `-0.5`, `.5`, `1e-3`): the only text the new commands and
 * the CSV reader turn into a number. `Number()` also takes "", " ", "0x10", "Infinity" and "1_0"
 * is refused by it while "0b1" is not; none of those is a number here.
 */
export const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The value of `text` if it is a plain decimal (see {@link DECIMAL}), else undefined. */
export function decimal(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}

/** A number flag of the new commands: a plain decimal or the raw text (so the range check quotes it). */
export function strictNumberFlag(raw: string): number | string {
  return decimal(raw.trim()) ?? raw;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' | ');
}
