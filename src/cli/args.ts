import { InputError } from '../errors.js';

/** The commands of the CLI and the flags each accepts. */
export const COMMANDS = {
  eval: ['plot'],
  train: ['lr', 'epochs', 'plot'],
  gradcheck: ['eps'],
} as const satisfies Record<string, readonly string[]>;

export type Command = keyof typeof COMMANDS;

export const USAGE = `usage: typed-mlp eval FILE [--plot net.svg]
       typed-mlp train FILE [--lr X] [--epochs N] [--plot loss.svg]
       typed-mlp gradcheck FILE [--eps 1e-6]`;

/** A parsed command line. Flag values stay raw text so a bad one can be quoted back. */
export interface Args {
  readonly command: Command;
  readonly file: string;
  readonly flags: Readonly<Record<string, string>>;
}

/** Parses `COMMAND FILE [--flag value | --flag=value]…`; throws an InputError on anything else. */
export function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (command === undefined) throw new InputError(`no command given; ${oneLine(USAGE)}`);
  if (!Object.hasOwn(COMMANDS, command)) throw new InputError(`unknown command ${JSON.stringify(command)}; expected eval, train or gradcheck`);
  const allowed: readonly string[] = COMMANDS[command as Command];
  const flags: Record<string, string> = {};
  let file: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      if (!allowed.includes(name)) {
        throw new InputError(`${command} does not take --${name}${allowed.length ? `; it takes ${allowed.map((f) => `--${f}`).join(', ')}` : ''}`);
      }
      const value = eq === -1 ? rest[++i] : arg.slice(eq + 1);
      if (value === undefined) throw new InputError(`--${name} needs a value`);
      flags[name] = value;
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new InputError(`unexpected argument ${JSON.stringify(arg)}; ${command} takes one FILE`);
    }
  }
  if (file === undefined) throw new InputError(`${command} needs a FILE`);
  return { command: command as Command, file, flags };
}

/** A number flag: the raw text if it is not a number (so the range check quotes it), else the number. */
export function numberFlag(raw: string | undefined): number | string | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return raw.trim() === '' || Number.isNaN(n) ? raw : n;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' | ');
}
