// One job: an ONNX model's graph, indexed for following it: its nodes by the tensors they write and
// read, its stored tensors (initializers, and Constant nodes through Identity or Transpose), its one
// input and one output, and the opset its operators mean what they mean in.
import { FormatError } from '../errors.js';
import { attributes, label, type Node, quote } from './onnx-node.js';
import { constantValue, FLOAT_TYPES, readTensor, type Tensor, transposeTensor, typeName } from './onnx-tensors.js';
import { ProtoMessage } from './protobuf-read.js';

/** The longest chain of Identity/Transpose nodes read to reach a stored tensor (deeper is refused, never a stack overflow). */
const MAX_CONSTANT_DEPTH = 64;

/** A graph input or output as declared. */
export interface ValueInfo {
  readonly name: string;
  readonly type: number | undefined;
  /** The declared dims (a number, or a string for a symbolic one), or undefined when no shape is given. */
  readonly dims: (number | string)[] | undefined;
}

/** One model, decoded and indexed. */
export class OnnxGraph {
  private readonly model: ProtoMessage;
  /** The node that writes each tensor. */
  readonly producer = new Map<string, Node>();
  /** The nodes that read each tensor. */
  readonly consumers = new Map<string, Node[]>();
  private readonly initializers = new Map<string, ProtoMessage>();
  private readonly constants = new Map<string, Tensor>();
  /** The version of the default domain's operators. */
  readonly opset: number;
  readonly input: ValueInfo;
  readonly output: ValueInfo;

  constructor(bytes: Uint8Array) {
    const model = (this.model = ProtoMessage.decode(bytes, 'model'));
    // A file that is not ONNX at all most often decodes as a few stray fields: say so plainly.
    const graph = model.message(7, 'graph');
    if (graph === undefined) throw new FormatError(`the bytes are not an ONNX model: there is no graph (ModelProto field 7; fields found: ${model.numbers().join(', ') || 'none'})`);

    graph.messages(5, 'initializer').forEach((t, i) => {
      const name = t.string(8, 'name') ?? '';
      if (name === '') throw new FormatError(`graph.initializer[${i}] has no name`);
      if (this.initializers.has(name)) throw new FormatError(`graph.initializer has two tensors named ${quote(name)}`);
      this.initializers.set(name, t);
    });
    graph.messages(1, 'node').forEach((m, index) => this.addNode(m, index));
    this.opset = this.defaultOpset(); // after the nodes: bytes that do not decode say so first

    const inputs = graph.messages(11, 'input').filter((v) => !this.initializers.has(v.string(1, 'name') ?? ''));
    const outputs = graph.messages(12, 'output');
    if (inputs.length !== 1) {
      const hint = inputs.length > 1 && this.initializers.size === 0 ? ' (its weights are inputs, not stored in the file: export with export_params=True)' : '';
      throw new FormatError(`the graph has ${inputs.length} inputs${names(inputs)}, but fromOnnx reads a network with one input${hint}`);
    }
    if (outputs.length !== 1) throw new FormatError(`the graph has ${outputs.length} outputs${names(outputs)}, but fromOnnx reads a network with one output`);
    const input = (this.input = valueInfo(inputs[0]!, 'input'));
    this.output = valueInfo(outputs[0]!, 'output');
    if (input.type !== undefined && !FLOAT_TYPES.has(input.type)) throw new FormatError(`the input ${quote(input.name)} is ${typeName(input.type)}, but a network reads floating-point numbers`);
  }

  /** Whether the model defines functions of its own (ModelProto field 25), for the message about a node of another domain. */
  hasFunctions(): boolean {
    return this.model.has(25);
  }

  /** Input `at` of `node` as a stored tensor (an initializer, or a Constant, Identity or Transpose of one). */
  constant(node: Node, at: number, what: string): Tensor {
    const name = node.inputs[at];
    if (name === undefined || name === '') throw new FormatError(`${label(node)} has no ${what} (input ${at + 1})`);
    return this.resolve(name, node, what, 0);
  }

  /** The stored tensor named `name`, which `user` reads as `what`, through at most MAX_CONSTANT_DEPTH Identity or Transpose nodes. */
  resolve(name: string, user: Node, what: string, depth: number): Tensor {
    const cached = this.constants.get(name);
    if (cached) return cached;
    const t = this.initializers.get(name);
    let result: Tensor;
    if (t) result = readTensor(t, `initializer ${quote(name)}`);
    else {
      const p = this.producer.get(name);
      if (!p) {
        const is = name === this.input.name ? 'the graph\'s input' : 'neither stored in the file nor written by any node';
        throw new FormatError(`${label(user)} reads ${what} from ${quote(name)}, which is ${is}: fromOnnx reads weights stored in the file`);
      }
      if (depth > MAX_CONSTANT_DEPTH) throw new FormatError(`${label(p)} is part of a cycle of constants, or of a chain of more than ${MAX_CONSTANT_DEPTH} Identity and Transpose nodes`);
      if (p.domain !== '' && p.domain !== 'ai.onnx') throw new FormatError(`${label(user)} reads ${what} from ${label(p)}, which is not in the default domain`);
      if (p.op === 'Constant') result = constantValue(p);
      else if (p.op === 'Identity' && p.inputs[0]) result = this.resolve(p.inputs[0], p, 'its input', depth + 1);
      else if (p.op === 'Transpose' && p.inputs[0]) result = transposeTensor(p, this.resolve(p.inputs[0], p, 'its input', depth + 1), attributes(p, ['perm']));
      else {
        throw new FormatError(`${label(user)} reads ${what} from ${label(p)}, which is not a stored tensor: fromOnnx reads weights stored as initializers or Constant nodes (possibly through Identity or Transpose)`);
      }
    }
    this.constants.set(name, result);
    return result;
  }

  private defaultOpset(): number {
    for (const [i, o] of this.model.messages(8, 'opset_import').entries()) {
      const domain = o.string(1, 'domain') ?? '';
      if (domain === '' || domain === 'ai.onnx') {
        const v = o.int(2, 'version');
        if (v === undefined || v < 1) throw new FormatError(`model.opset_import[${i}] has version ${v ?? 'missing'}`);
        return v;
      }
    }
    throw new FormatError('the model imports no opset of the default ONNX domain (opset_import), so its operators have no defined meaning');
  }

  private addNode(m: ProtoMessage, index: number): void {
    const node: Node = {
      index,
      op: m.string(4, 'op_type') ?? '',
      domain: m.string(7, 'domain') ?? '',
      name: m.string(3, 'name') ?? '',
      inputs: m.strings(1, 'input'),
      outputs: m.strings(2, 'output'),
      proto: m,
    };
    for (const out of node.outputs) {
      if (out === '') continue; // an optional output left out
      const other = this.producer.get(out);
      if (other || this.initializers.has(out)) throw new FormatError(`${label(node)} writes tensor ${quote(out)}, which ${other ? `${label(other)} writes too` : 'is an initializer'}`);
      this.producer.set(out, node);
    }
    for (const inp of new Set(node.inputs)) {
      if (inp === '') continue; // an optional input left out
      const list = this.consumers.get(inp);
      if (list) list.push(node);
      else this.consumers.set(inp, [node]);
    }
  }
}

function valueInfo(v: ProtoMessage, what: string): ValueInfo {
  const name = v.string(1, 'name') ?? '';
  if (name === '') throw new FormatError(`the graph's ${what} has no name`);
  const tensor = v.message(2, 'type')?.message(1, 'tensor_type');
  const shape = tensor?.message(2, 'shape');
  const dims = shape?.messages(1, 'dim').map((d) => d.int(1, 'dim_value') ?? d.string(2, 'dim_param') ?? '?');
  return { name, type: tensor?.int(1, 'elem_type'), dims };
}

function names(values: ProtoMessage[]): string {
  return values.length === 0 ? '' : ` (${values.map((v) => quote(v.string(1, 'name') ?? '')).join(', ')})`;
}
