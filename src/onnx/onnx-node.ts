// One job: a node of an ONNX graph as fromOnnx sees it, how error messages name it (and any name
// from the file), and its attributes, refusing any its operator is not read with.
import { FormatError } from '../errors.js';
import type { ProtoMessage } from './protobuf-read.js';

/** A NodeProto's fields, with its index in graph.node. */
export interface Node {
  readonly index: number;
  readonly op: string;
  readonly domain: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly proto: ProtoMessage;
}

/** `node 3 (Conv, name "/0/Conv")`: the index in graph.node, the op type (with its domain if not the default) and the name. */
export function label(node: Node): string {
  const op = node.domain && node.domain !== 'ai.onnx' ? `${node.domain}.${node.op}` : node.op || 'no op type';
  return `node ${node.index} (${op}${node.name ? `, name ${quote(node.name)}` : ', no name'})`;
}

/** A name from the file, quoted and escaped, and cut at 80 characters. */
export function quote(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

export function fail(message: string): never {
  throw new FormatError(message);
}

/** The attributes of a node by name, refusing any the operator is not read with. */
export function attributes(node: Node, known: readonly string[]): Map<string, ProtoMessage> {
  const out = new Map<string, ProtoMessage>();
  for (const a of node.proto.messages(5, 'attribute')) {
    const name = a.string(1, 'name') ?? '';
    if (a.has(21)) throw new FormatError(`${label(node)}'s attribute ${quote(name)} refers to a function's attribute, which is not supported`);
    if (!known.includes(name)) throw new FormatError(`${label(node)} has attribute ${quote(name)}, which fromOnnx does not read for ${node.op}${known.length ? ` (it reads ${known.join(', ')})` : ''}`);
    if (out.has(name)) throw new FormatError(`${label(node)} has attribute ${quote(name)} twice`);
    out.set(name, a);
  }
  return out;
}

export function intAttr(attrs: Map<string, ProtoMessage>, name: string): number | undefined {
  const a = attrs.get(name);
  return a === undefined ? undefined : (a.int(3, 'i') ?? fail(`attribute ${quote(name)} holds no int`));
}

export function floatAttr(attrs: Map<string, ProtoMessage>, name: string): number | undefined {
  const a = attrs.get(name);
  return a === undefined ? undefined : (a.float(2, 'f') ?? fail(`attribute ${quote(name)} holds no float`));
}
