import { HIDDEN_ACTIVATIONS } from '../activations/index.js';
import { InputError } from '../errors.js';
import { HEAD_NAMES } from '../heads/index.js';

/** The commands of the CLI and the flags each accepts. */
export const COMMANDS = {
  eval: ['plot'],
  train: ['lr', 'epochs', 'weight-decay', 'plot'],
  gradcheck: ['eps'],
} as const satisfies Record<string, readonly string[]>;

export type Command = keyof typeof COMMANDS;

export const USAGE = `usage: typed-mlp eval FILE [--plot net.svg]
       typed-mlp train FILE [--lr X] [--epochs N] [--weight-decay L] [--plot loss.svg]
       typed-mlp gradcheck FILE [--eps 1e-6]`;

/** What `--help` prints: the usage, then FILE's keys (SPEC sections 3 and 6) and the output. */
export const HELP = `${USAGE}

FILE is a JSON object (unknown keys are ignored):
  "weights"      required: W_1 … W_L, each an array of rows; W_l is n_l × n_{l+1}
  "X"            required: N × n_1, an array of rows
  "Y"            required: N × K labels, rows or one flat list; they must fit the head:
                   sigmoid in [0, 1], softmax rows summing to 1, linear any finite numbers
  "biases"       optional: one entry per layer, a row of n_{l+1} numbers or null for a layer
                   without bias (default: no biases)
  "activations"  optional: one name per layer, hidden ones then the head, e.g. ["tanh", "linear"]
                   hidden: ${HIDDEN_ACTIVATIONS.join(', ')}
                   head: ${HEAD_NAMES.join(', ')} (softmax needs 2+ outputs)
                   (default: relu for every hidden layer, sigmoid head)
  "train"        optional: {"lr": X, "epochs": N, "weightDecay": L}; weightDecay ≥ 0 is L2 on the
                   weights only, never the biases (default 0); --lr, --epochs, --weight-decay
                   override them

Output is one line of JSON on stdout; bad input exits 2 with one line on stderr.
  eval       layerSizes, Xs, Zs, Yhat, predictions, loss, perSampleLoss, accuracy (classifier
             heads) or mae and r2 (linear head, whose predictions are Yhat), deltas, grads,
             and biasGrads (1×n rows, null per layer without bias) when FILE has biases
  train      lr, epochs, weightDecay (when given), losses (losses[k] before update k),
             finalLoss, finalWeights, finalBiases (when FILE has biases), finalYhat,
             finalPredictions, finalAccuracy (classifier) or finalMae and finalR2 (linear)
  gradcheck  maxAbsErr, maxRelErr, worst, eps`;

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
