/**
 * The JSON-tree plumbing shared by the fuzz runs (fuzz-cli.test.ts mutates SPEC §3 case files,
 * fuzz-load.test.ts saved networks): the Json type, the shape of one mutation and its arbitrary, an
 * own-property setter that also works for "__proto__", a type swap, `walkTo`, which follows a
 * mutation's walk from a top-level key down to one node, and the ops both runs apply the same way
 * there (`sharedMutation`). Each fuzz file keeps its own top-level keys, its own junk values, its
 * own list of ops, and its own ops where they differ (delete, the prototype keys, …).
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One mutation of a JSON tree: where (`walk`, for walkTo), what (`op`), and a junk value and a number the op may use. */
export interface Mutation<Op extends string> {
  /** walk[0] picks the top-level key (weighted towards the ones the code under test reads), the rest a child each. */
  readonly walk: number[];
  readonly op: Op;
  readonly value: Json;
  readonly k: number;
}

/** Mutations over `ops`: walks of 1 to 5 steps, values from `junk`. */
export function mutationArbitrary<Op extends string>(ops: readonly Op[], junk: fc.Arbitrary<Json>): fc.Arbitrary<Mutation<Op>> {
  return fc.record({
    walk: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
    op: fc.constantFrom(...ops),
    value: junk,
    k: fc.nat(),
  });
}

/** Defines an own property even for "__proto__" (an assignment would set the prototype instead). */
export function defineOwn(obj: object, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The value as another JSON type: 1 → "1", "2" → 2, true → 1, null → 0, [a] → {"0": a}, {k: a} → [a]. */
export function swapType(v: Json): Json {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return Number(v) || v.length;
  if (typeof v === 'boolean') return Number(v);
  if (v === null) return 0;
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  return Object.values(v);
}

/** Where a walk ended: the node, its parent and key (both undefined at the root), and a setter. */
export interface JsonPlace {
  readonly parent: Json[] | { [key: string]: Json } | undefined;
  readonly key: string | number | undefined;
  /** The node reached; null when the walk ended on a missing key. */
  readonly node: Json;
  /** Replaces the node in its parent (as an own property) and returns the root; at the root, returns `v`. */
  set(v: Json): Json;
}

/**
 * Follows `walk` in `root`: walk[0] picks a top-level key from `top` (modulo its length; null stays
 * at the root), each later step picks a child of an array or object (modulo its number of keys).
 * Stops early at a leaf, at an empty container, at a missing key (which is then the place, with a
 * null node: `set` adds it), or when a top-level key meets an array root.
 */
export function walkTo(root: Json, top: readonly (string | null)[], walk: readonly number[]): JsonPlace {
  const first = top[walk[0]! % top.length]!;
  let parent: Json[] | { [key: string]: Json } | undefined;
  let key: string | number | undefined;
  let node = root;
  for (const step of first === null ? [] : [first, ...walk.slice(1)]) {
    if (node === null || typeof node !== 'object') break;
    let next: string | number;
    if (typeof step === 'string') {
      if (Array.isArray(node)) break; // an earlier mutation turned the root into an array
      next = step; // present or not: a missing key is mutated in place (replace adds it back)
    } else {
      const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
      if (keys.length === 0) break;
      next = keys[step % keys.length]!;
    }
    parent = node;
    key = next;
    const child: Json | undefined = (node as Record<string | number, Json>)[next];
    node = child ?? null;
    if (child === undefined) break;
  }
  const set = (v: Json): Json => {
    if (parent === undefined) return v;
    if (Array.isArray(parent)) parent[key as number] = v;
    else defineOwn(parent, String(key), v);
    return root;
  };
  return { parent, key, node, set };
}

/** The ops both fuzz runs apply the same way at the place a walk reached. */
export type SharedOp = 'replace' | 'swapType' | 'duplicate' | 'truncate' | 'wrap' | 'unwrap';

/**
 * Applies one of the shared ops at `place` (from walkTo(root, …)), in place where it can; returns the
 * (possibly new) root. `m.value` and `m.k` are the mutation's junk value and number.
 */
export function sharedMutation(root: Json, place: JsonPlace, op: SharedOp, m: Mutation<string>): Json {
  const { node, set } = place;
  switch (op) {
    case 'replace':
      return set(m.value);
    case 'swapType':
      return set(swapType(node));
    case 'duplicate': // an extra element (a layer, row, entry, size, …) of an array; or an extra key
      if (Array.isArray(node) && node.length) node.push(structuredClone(node[m.k % node.length]!));
      else if (node !== null && typeof node === 'object' && !Array.isArray(node)) defineOwn(node, `extra${m.k % 3}`, m.value);
      else return set([node, node]);
      return root;
    case 'truncate':
      if (Array.isArray(node)) node.length = node.length === 0 ? 0 : m.k % node.length;
      else if (typeof node === 'string') return set(node.slice(0, m.k % (node.length + 1)));
      else return set(m.value);
      return root;
    case 'wrap':
      return set([node]);
    case 'unwrap':
      return set(Array.isArray(node) ? (node[0] ?? null) : node);
  }
}
