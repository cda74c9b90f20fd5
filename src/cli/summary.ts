/** `typed-mlp summary MODEL.json`: the network's summary table, then the columns and the scaling it was saved with. */
import type { Args } from './args.js';
import { quotedList } from './csv.js';
import { short } from './fit.js';
import { readModel } from './model.js';

/** Runs `summary` and returns what goes to stdout. */
export function summaryCommand(args: Args): string {
  const model = readModel(args.file, false);
  const net = model.network;
  const scaler = model.inputScaler?.toJSON() as Record<string, unknown> | undefined;
  const targetScaler = model.targetScaler?.toJSON() as Record<string, unknown> | undefined;
  if (args.switches.has('json')) {
    return `${JSON.stringify({
      sizes: net.sizes,
      activations: net.activations,
      head: net.head,
      parameters: net.parameterCount,
      ...(model.features.length > 0 && { features: model.features, targets: model.targets }),
      ...(model.labels && { labels: model.labels }),
      ...(scaler && { inputScaler: scaler }),
      ...(targetScaler && { targetScaler }),
    })}\n`;
  }
  const lines = [net.summary(), ''];
  if (model.features.length === 0) {
    lines.push('columns: none saved (a network saved by the library, not by typed-mlp fit: predict cannot read it)');
  } else {
    lines.push(`features (${model.features.length}): ${quotedList(model.features)}`);
    lines.push(`targets (${model.targets.length}): ${quotedList(model.targets)}`);
  }
  if (model.labels) lines.push(`classes (${model.labels.length}): ${quotedList(model.labels)}`);
  lines.push(scaler ? scalerTable(scaler, model.features, 'input scaling', 'feature') : 'input scaling: none (the features go in as they are)');
  // Only a model with target scaling says so: without it, the outputs are the targets as they are.
  if (targetScaler) lines.push(scalerTable(targetScaler, model.targets, 'target scaling', 'target', 'predict maps the outputs back to the targets\' units'));
  return `${lines.join('\n')}\n`;
}

/**
 * A saved scaler as a table: one row per column (`names`: the features, or the targets) with each
 * of its per-column arrays (mean, scale, …), under a title line.
 */
function scalerTable(scaler: Record<string, unknown>, names: readonly string[], title: string, what: string, use = 'predict applies it'): string {
  const kind = typeof scaler.type === 'string' ? scaler.type : typeof scaler.kind === 'string' ? scaler.kind : 'saved';
  const columns = Object.entries(scaler).filter((e): e is [string, number[]] => Array.isArray(e[1]) && e[1].length === names.length && e[1].every((v) => typeof v === 'number'));
  const rows = [[what, ...columns.map(([k]) => k)], ...names.map((f, j) => [f, ...columns.map(([, v]) => short(v[j]!))])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows.map((r) => `  ${r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')}`.trimEnd());
  return [`${title}: ${kind} (fit on the training rows; ${use})`, ...table].join('\n');
}
