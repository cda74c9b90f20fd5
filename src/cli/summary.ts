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
  if (args.switches.has('json')) {
    return `${JSON.stringify({
      sizes: net.sizes,
      activations: net.activations,
      head: net.head,
      parameters: net.parameterCount,
      ...(model.features.length > 0 && { features: model.features, targets: model.targets }),
      ...(model.labels && { labels: model.labels }),
      ...(scaler && { inputScaler: scaler }),
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
  lines.push(scaler ? scalerTable(scaler, model.features) : 'input scaling: none (the features go in as they are)');
  return `${lines.join('\n')}\n`;
}

/** The saved scaler as a table: one row per feature with each of its per-feature arrays (mean, scale, …). */
function scalerTable(scaler: Record<string, unknown>, features: readonly string[]): string {
  const kind = typeof scaler.type === 'string' ? scaler.type : typeof scaler.kind === 'string' ? scaler.kind : 'saved';
  const columns = Object.entries(scaler).filter((e): e is [string, number[]] => Array.isArray(e[1]) && e[1].length === features.length && e[1].every((v) => typeof v === 'number'));
  const rows = [['feature', ...columns.map(([k]) => k)], ...features.map((f, j) => [f, ...columns.map(([, v]) => short(v[j]!))])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows.map((r) => `  ${r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')}`.trimEnd());
  return [`input scaling: ${kind} (fit on the training rows; predict applies it)`, ...table].join('\n');
}
