// One job: following the graph from its input to its output, one node at a time, as a single chain
// (every tensor on the way feeds exactly one node, no node twice), with PyTorch's Softsign,
// x / (1 + |x|), recognised as one activation; each node is read into the layers by onnx-layers.
// Before the walk, every node the data flows through must be an operator fromOnnx reads: a graph
// with an operator it does not read is refused naming that node, whatever its shape.
import { FormatError } from '../errors.js';
import type { OnnxGraph } from './onnx-graph.js';
import { Chain, isDefaultDomain, isRead, type Layer, readNode, unsupported } from './onnx-layers.js';
import { label, type Node, quote } from './onnx-node.js';
import type { Tensor } from './onnx-tensors.js';

/** The layers of the chain from the graph's input to its output. */
export function readChain(graph: OnnxGraph): Layer[] {
  checkOperators(graph);
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
    if (!isDefaultDomain(node)) throw unsupported(graph, node);
    current = readNode(graph, chain, node, current, output);
  }
  const extra = graph.consumers.get(output);
  if (extra) throw new FormatError(`the output ${quote(output)} is also read by ${extra.map(label).join(' and ')}, which leads nowhere: fromOnnx reads a single chain from the input to the output`);
  chain.close(null);
  if (chain.layers.length === 0) throw new FormatError(`the graph has no Gemm or MatMul between the input ${quote(input.name)} and the output ${quote(output)}: there is no layer to read`);
  return chain.layers;
}

/**
 * Refuses the first node, in graph order, that the data flows through (it reads the input, or a
 * tensor written by such a node) and whose operator fromOnnx does not read; the Abs, Add and Div of
 * a Softsign are read as one. Nodes that only compute stored tensors (a Constant, a Transpose of a
 * weight) are not on the data's way and are left to the walk. Checked before the graph's shape, so
 * that an unsupported operator is named even where it also branches: PyTorch writes GELU as
 * x·(1 + erf(x/√2))/2, where x feeds both a Div and a Mul, and the Div is the node to name.
 */
function checkOperators(graph: OnnxGraph): void {
  const reached = new Set<Node>();
  const softsign = new Set<Node>();
  const seen = new Set<string>([graph.input.name]);
  const tensors = [graph.input.name];
  while (tensors.length > 0) {
    const t = tensors.pop()!;
    const readers = graph.consumers.get(t) ?? [];
    if (readers.length === 2) for (const n of softsignAt(graph, t, readers)?.nodes ?? []) softsign.add(n);
    for (const n of readers) {
      if (reached.has(n)) continue;
      reached.add(n);
      for (const out of n.outputs) {
        if (out === '' || seen.has(out)) continue;
        seen.add(out);
        tensors.push(out);
      }
    }
  }
  let first: Node | undefined;
  for (const n of reached) {
    if (softsign.has(n) || (isDefaultDomain(n) && isRead(n.op))) continue;
    if (first === undefined || n.index < first.index) first = n;
  }
  if (first !== undefined) throw unsupported(graph, first);
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
