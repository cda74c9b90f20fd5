// The Keras-style summary of a network: one row per layer with its activation, output shape,
// weights, bias and parameter count, then the totals and the head.
import type { HeadName } from './heads/index.js';
import { HEADS } from './heads/index.js';

/** What a summary reads from a network. */
export interface Summarized {
  readonly sizes: readonly number[];
  readonly activations: readonly string[];
  readonly biases: readonly ({ readonly cols: number } | null)[];
  readonly frozen: readonly boolean[];
  readonly head: HeadName;
}

/** Parameters of layer l: n_l·n_{l+1} weights, plus n_{l+1} biases when it has them. */
export function layerParameters(net: Summarized, l: number): number {
  return net.sizes[l]! * net.sizes[l + 1]! + (net.biases[l] ? net.sizes[l + 1]! : 0);
}

/** Every weight and bias of the network: Σ_l n_l·n_{l+1} (+ n_{l+1} with a bias), as Keras's `count_params()`. */
export function parameterCount(net: Summarized): number {
  let total = 0;
  for (let l = 0; l < net.sizes.length - 1; l++) total += layerParameters(net, l);
  return total;
}

/** The summary as text (see Network.summary). */
export function summaryOf(net: Summarized): string {
  const L = net.sizes.length - 1;
  const header = ['layer', 'activation', 'output shape', 'weights', 'bias', 'parameters', ''];
  const rows = Array.from({ length: L }, (_, l) => [
    String(l),
    l === L - 1 ? `${net.activations[l]} (head)` : net.activations[l]!,
    `(N, ${net.sizes[l + 1]})`,
    `${net.sizes[l]}×${net.sizes[l + 1]}`,
    net.biases[l] ? `1×${net.sizes[l + 1]}` : 'none',
    layerParameters(net, l).toLocaleString('en-US'),
    net.frozen[l] ? 'frozen' : '',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c >= 3 && c <= 5 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  const total = parameterCount(net);
  const frozen = Array.from({ length: L }, (_, l) => (net.frozen[l] ? layerParameters(net, l) : 0)).reduce((a, b) => a + b, 0);
  const rule = '─'.repeat(line(header).length);
  return [
    `Network<[${net.sizes.join(', ')}], "${net.head}">`,
    line(header),
    rule,
    ...rows.map(line),
    rule,
    `input shape (N, ${net.sizes[0]}); ${L === 1 ? '1 layer' : `${L} layers`}`,
    `parameters: ${total.toLocaleString('en-US')} (trainable ${(total - frozen).toLocaleString('en-US')}, frozen ${frozen.toLocaleString('en-US')})`,
    `head: ${net.head} with ${HEADS[net.head].loss}`,
  ].join('\n');
}
