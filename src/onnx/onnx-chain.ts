// One job: following the graph from its input to its output, one node at a time, as a single chain
// (every tensor on the way feeds exactly one node, no node twice), with PyTorch's Softsign,
// x / (1 + |x|), recognised as one activation; each node is read into the layers by onnx-layers.
import { FormatError } from '../errors.js';
import type { OnnxGraph } from './onnx-graph.js';
import { Chain, type Layer, READS, readNode } from './onnx-layers.js';
import { label, type Node, quote } from './onnx-node.js';
import type { Tensor } from './onnx-tensors.js';

/** The layers of the chain from the graph's input to its output. */
export function readChain(graph: OnnxGraph): Layer[] {
  const { input } = graph;
  const output = graph.output.name;
  const chain = new Chain(input.dims);
  let current = input.name;
  const visited = new Set<number>();
  while (current !== output) {
    const readers = graph.consumers.get(current) ?? [];
    const from = graph.producer.get(current);
    const what = `tensor ${quote(current)} (${from ? `the output of ${label(from)}` : 'the input'})`;
    if (readers.length === 0) throw new FormatError(`${what} reaches no node and is not the graph's output ${quote(output)}`);
    const softsign = readers.length === 2 && chain.open ? softsignAt(graph, current, readers) : null;
    if (softsign) {
      for (const n of softsign.nodes) {
        if (visited.has(n.index)) throw new FormatError(`${label(n)} is reached twice: the graph has a cycle`);
        visited.add(n.index);
      }
      chain.close({ op: 'Softsign', node: softsign.nodes[0]! });
      current = softsign.output;
      continue;
    }
    if (readers.length > 1) throw new FormatError(`${what} feeds ${readers.length} nodes, ${readers.map(label).join(' and ')}: fromOnnx reads a single chain from the input to the output`);
    const node = readers[0]!;
    if (visited.has(node.index)) throw new FormatError(`${label(node)} is reached twice: the graph has a cycle`);
    visited.add(node.index);
    if (node.domain !== '' && node.domain !== 'ai.onnx') {
      const local = graph.hasFunctions() ? ', a function of the model (export without export_modules_as_functions)' : '';
      throw new FormatError(`${label(node)} is not supported: it is in domain ${quote(node.domain)}${local}, and ${READS} of the default domain`);
    }
    current = readNode(graph, chain, node, current, output);
  }
  const extra = graph.consumers.get(output);
  if (extra) throw new FormatError(`the output ${quote(output)} is also read by ${extra.map(label).join(' and ')}, which leads nowhere: fromOnnx reads a single chain from the input to the output`);
  chain.close(null);
  if (chain.layers.length === 0) throw new FormatError(`the graph has no Gemm or MatMul between the input ${quote(input.name)} and the output ${quote(output)}: there is no layer to read`);
  return chain.layers;
}

/**
 * Softsign as PyTorch's exporter writes it, x / (1 + |x|): x feeds Abs and Div, Abs feeds Add
 * of a stored 1, and that Add feeds the Div's divisor. The nodes (Abs first) and the Div's output,
 * or null for anything else.
 */
function softsignAt(graph: OnnxGraph, x: string, readers: readonly Node[]): { nodes: Node[]; output: string } | null {
  const plain = (n: Node | undefined, op: string): n is Node =>
    n !== undefined && n.op === op && (n.domain === '' || n.domain === 'ai.onnx') && !n.proto.has(5) && n.outputs.length === 1;
  const abs = readers.find((n) => n.op === 'Abs');
  const div = readers.find((n) => n.op === 'Div');
  if (!plain(abs, 'Abs') || !plain(div, 'Div') || abs.inputs.length !== 1 || div.inputs.length !== 2 || div.inputs[0] !== x) return null;
  const absReaders = graph.consumers.get(abs.outputs[0]!) ?? [];
  const add = absReaders[0];
  if (absReaders.length !== 1 || !plain(add, 'Add') || add.inputs.length !== 2) return null;
  const one = add.inputs[0] === abs.outputs[0] ? add.inputs[1]! : add.inputs[0]!;
  const addReaders = graph.consumers.get(add.outputs[0]!) ?? [];
  if (addReaders.length !== 1 || addReaders[0] !== div || div.inputs[1] !== add.outputs[0]) return null;
  let c: Tensor;
  try {
    c = graph.resolve(one, add, 'the constant', 0);
  } catch {
    return null;
  }
  if (c.values.length !== 1 || c.values[0] !== 1 || c.dims.some((d) => d !== 1)) return null;
  return { nodes: [abs, add, div], output: div.outputs[0]! };
}
