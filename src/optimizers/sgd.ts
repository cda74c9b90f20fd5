import type { Rule, RuleFactory } from './rule.js';

/**
 * Stochastic gradient descent (PyTorch `torch.optim.SGD`, https://pytorch.org/docs/stable/generated/torch.optim.SGD.html):
 *
 *   θ ← θ − lr·g
 *
 * It runs on the kernels (`sgdCheck`, then `sgd`: WebAssembly SIMD where available). Weight decay is
 * coupled: g includes λ·W.
 *
 * @example
 * ```ts
 * net.fit(X, Y, { lr: 0.1, epochs: 100, optimizer: 'sgd' });
 * ```
 */
export const sgd: RuleFactory<Record<never, never>> = {
  name: 'sgd',
  options: [],
  create(): Rule {
    return {
      decay: 'coupled',
      pass(ws, write) {
        const count = ws.paramBytes >> 3;
        // ws.lr is the byte offset of the learning rate, which the kernels read from memory: a float
        // argument would be boxed (a heap number per call) whenever V8 does not inline the call.
        if (!write) return ws.k.sgdCheck(ws.params, ws.grads, ws.lr, count);
        ws.k.sgd(ws.params, ws.grads, ws.lr, count); //                   θ ← θ − lr·g
        return -1;
      },
      done() {},
    };
  },
};
