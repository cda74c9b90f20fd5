import { readFileSync, writeFileSync } from 'node:fs';
import { InputError, TypedMlpError, ValueError } from '../errors.js';
import type { HeadName } from '../heads/index.js';
import type { Matrix } from '../matrix.js';
import { Network } from '../network.js';
import type { EvaluationCore } from '../network-types.js';
import { lossCurveSvg, networkSvg } from '../plot/index.js';
import type { ProgressOptions } from '../train/progress.js';
import { CASE_COMMANDS, COMMAND_LIST, isCommand, numberFlag, parseArgs, type Args, type Command } from './args.js';
import { fitCommand } from './fit.js';
import { commandHelp, GENERAL_HELP } from './help.js';
import { readCase, trainSettings } from './input.js';
import { predictCommand } from './predict.js';
import { summaryCommand } from './summary.js';

/** Where the CLI writes; a parameter so tests can run it in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Where `fit` draws its progress bar; without it, fit shows none (the bin gives a terminal's stderr). */
  readonly progress?: ProgressOptions;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  ...(process.stderr.isTTY && { progress: { stream: process.stderr } }),
};

/**
 * Runs the CLI and returns its exit code: 0 on success, 2 on bad input (one line on stderr naming
 * the field and sizes, nothing on stdout), 1 on an unexpected failure.
 */
export function main(argv: readonly string[], io: Io = processIo): number {
  const [first, second] = argv;
  if (first === '--version' || first === '-v') {
    io.out(`${version()}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || (first === 'help' && second === undefined)) {
    io.out(`${GENERAL_HELP}\n`);
    return 0;
  }
  if (first === 'help') {
    if (!isCommand(second)) {
      io.err(`typed-mlp: unknown command ${JSON.stringify(second)}; expected ${COMMAND_LIST}\n`);
      return 2;
    }
    io.out(`${commandHelp(second)}\n`);
    return 0;
  }
  if (isCommand(first) && wantsHelp(first, argv.slice(1))) {
    io.out(`${commandHelp(first)}\n`);
    return 0;
  }
  let output: string;
  try {
    const args = parseArgs(argv);
    output = (CASE_COMMANDS as readonly string[]).includes(args.command) ? `${JSON.stringify(runCase(args))}\n` : run(args, io);
  } catch (e) {
    if (e instanceof TypedMlpError) {
      io.err(`typed-mlp: ${oneLine(e.message)}\n`);
      return 2;
    }
    io.err(`typed-mlp: internal error: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return 1;
  }
  io.out(output);
  return 0;
}

/**
 * Whether a command's arguments ask for its help: `--help` or `-h` anywhere before a `--` for fit,
 * predict and summary; right after the command for eval, train and gradcheck (`eval FILE --help`
 * stays an unknown flag, as it always was).
 */
function wantsHelp(command: Command, rest: readonly string[]): boolean {
  const isHelp = (a: string | undefined) => a === '--help' || a === '-h';
  if ((CASE_COMMANDS as readonly string[]).includes(command)) return isHelp(rest[0]);
  const end = rest.indexOf('--');
  return (end === -1 ? rest : rest.slice(0, end)).some(isHelp);
}

/** fit, predict and summary: their stdout text. */
function run(args: Args, io: Io): string {
  switch (args.command) {
    case 'fit':
      return fitCommand(args, io);
    case 'predict':
      return predictCommand(args);
    default:
      return summaryCommand(args);
  }
}

/** The package's version, from the package.json above this file (dist/src/cli/ or src/cli/). */
function version(): string {
  for (let up = 2; up <= 4; up++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(`${'../'.repeat(up)}package.json`, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'typed-mlp' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: one level up
    }
  }
  throw new Error('package.json of typed-mlp not found above the CLI');
}

/** A message is one line on stderr whatever it quotes. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** eval, train and gradcheck on a JSON case FILE: the object printed as one line of JSON. */
function runCase(args: Args): unknown {
  const c = readCase(args.file);
  // Validate the settings before any work, so a bad flag fails fast and computes nothing.
  const settings =
    args.command === 'train'
      ? trainSettings(c, { lr: numberFlag(args.flags.lr), epochs: numberFlag(args.flags.epochs), weightDecay: numberFlag(args.flags['weight-decay']) })
      : undefined;
  const eps = numberFlag(args.flags.eps) ?? 1e-6;
  const plot = args.flags.plot;
  if (plot === '') throw new InputError('--plot needs a file name');
  // The activations were checked by readCase (checkLayers), so the cast only tells the compiler.
  const net = new Network<number[], HeadName>(c.weights, c.biases, c.activations as never);
  const hasBiases = c.biases !== undefined;
  const regression = c.head.kind === 'regression';
  switch (args.command) {
    case 'eval': {
      const ev = net.evaluate(c.X, c.Y) as EvaluationCore<number[], number> & { accuracy?: number; mae?: number; r2?: number };
      if (plot !== undefined) writePlot(plot, networkSvg(net, { title: `network ${net.sizes.join('-')}` }));
      return {
        layerSizes: ev.layerSizes,
        Xs: ev.Xs.map((m) => m.toArray()),
        Zs: ev.Zs.map((m) => m.toArray()),
        Yhat: ev.Yhat.toArray(),
        predictions: ev.predictions.toArray(),
        loss: ev.loss,
        perSampleLoss: ev.perSampleLoss,
        // A linear head has no accuracy: mae and r2 instead, and its predictions are Ŷ.
        ...(regression ? { mae: ev.mae, r2: ev.r2 } : { accuracy: ev.accuracy }),
        deltas: ev.deltas.map((m) => m.toArray()),
        grads: ev.grads.map((m) => m.toArray()),
        // Like the fixtures' bias_grads: each a 1×n matrix, null for a layer without bias.
        ...(hasBiases && { biasGrads: (ev.biasGrads as readonly (Matrix | null)[]).map((b) => b?.toArray() ?? null) }),
      };
    }
    case 'train': {
      const { lr, epochs, weightDecay, weightDecayGiven } = settings!;
      const { losses, finalLoss } = net.train(c.X, c.Y, { lr, epochs, weightDecay });
      const final = net.evaluate(c.X, c.Y) as EvaluationCore<number[], number> & { accuracy?: number; mae?: number; r2?: number };
      if (plot !== undefined) writePlot(plot, lossCurveSvg({ loss: losses }, { title: `training loss (lr ${lr}, ${epochs} epochs)` }));
      return {
        lr,
        epochs,
        ...(weightDecayGiven && { weightDecay }),
        losses,
        finalLoss,
        finalWeights: net.weights.map((w) => w.toArray()),
        // Like the fixtures' final_biases: each a flat row, null for a layer without bias.
        ...(hasBiases && { finalBiases: (net.biases as readonly (Matrix | null)[]).map((b) => (b ? Array.from(b.data) : null)) }),
        finalYhat: final.Yhat.toArray(),
        finalPredictions: final.predictions.toArray(),
        ...(regression ? { finalMae: final.mae, finalR2: final.r2 } : { finalAccuracy: final.accuracy }),
      };
    }
    case 'gradcheck':
      return net.gradcheck(c.X, c.Y, checkEps(eps));
    default:
      throw new Error(`${args.command} does not read a case FILE`);
  }
}

/** Writes an SVG for --plot; a path that cannot be written is bad input (exit 2), and stdout stays JSON only. */
function writePlot(path: string, svg: string): void {
  try {
    writeFileSync(path, svg);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such directory' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? String(e));
    throw new InputError(`--plot ${JSON.stringify(path)} cannot be written: ${why}`);
  }
}

function checkEps(eps: number | string): number {
  if (typeof eps !== 'number' || !Number.isFinite(eps) || eps <= 0) {
    throw new ValueError(`--eps is ${JSON.stringify(eps)}, but it must be a finite number > 0`);
  }
  return eps;
}
