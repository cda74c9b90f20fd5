import type { Matrix } from '../matrix.js';
import type { Workspace } from './workspace.js';

/**
 * Matrices a network has handed out (through its `weights` and `biases` getters). Their `data`
 * may now be held by the caller, so it must stay the network's storage: it is never re-pointed
 * again (see the design comment in workspace.ts). A WeakSet, as a matrix may be shared by several
 * networks (the constructor wraps what it is given) and the mark belongs to the matrix.
 */
const handedOut = new WeakSet<Matrix>();

/**
 * A network's parameters as its workspaces see them: its own lists of weight and bias matrices
 * (shared with its trainers), where they live, and a counter of the library's writes to them.
 */
export class Params {
  /** The workspace whose views the matrices were made by the last move (a hint for choosing one; `Workspace.holds` is the test). */
  home: Workspace | undefined;
  /**
   * Bumped by every change the library makes to the network's parameters: a step made in their
   * home, or a trainer's copy written back. A trainer working on a copy reloads when it has moved.
   */
  version = 0;

  constructor(
    readonly weights: readonly Matrix[],
    readonly biases: readonly (Matrix | null)[],
  ) {}

  /** Whether the matrices may still be re-pointed: none of them has been handed out. */
  get movable(): boolean {
    // Indexed loops: a trainer working on a copy asks this every step, and a step allocates nothing.
    for (let l = 0; l < this.weights.length; l++) if (handedOut.has(this.weights[l]!)) return false;
    for (let l = 0; l < this.biases.length; l++) {
      const b = this.biases[l];
      if (b && handedOut.has(b)) return false;
    }
    return true;
  }

  /** Marks every matrix as handed out: from now on their storage stays where it is. */
  pin(): void {
    for (const w of this.weights) handedOut.add(w);
    for (const b of this.biases) if (b) handedOut.add(b);
  }

  /**
   * Makes `ws` their home if it can be: true when it is (already, or after a move: one checked
   * O(parameters) copy and the matrices re-pointed), false when a handed-out matrix lives elsewhere,
   * and `ws` can only take a copy (which the caller makes, or not). O(layers) when it already is.
   *
   * @throws {ShapeError} a matrix whose shape or storage no longer fits (changed through a cast); nothing is written.
   */
  settle(ws: Workspace): boolean {
    if (ws.holds(this.weights, this.biases)) return true;
    ws.follow(this.weights, this.biases);
    if (ws.holds(this.weights, this.biases)) return true;
    if (!this.movable) return false;
    ws.adopt(this.weights, this.biases);
    this.home = ws;
    return true;
  }
}
