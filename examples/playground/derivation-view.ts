// The derivation panel: for the rows asked for, every matrix of one forward and backward pass
// (net.evaluate), in the order the code computes them, each with its type as the compiler shows it
// (`Matrix<1, 4>`), the shapes that make it so, the line of docs/derivation.md that defines it and
// the lines of src/ that compute it (found in those files when the page was built).
import sources, { type Located, type Provenance } from 'playground:sources';
import type { Derivation, GradCheckResult, Mat } from './protocol.js';

/** Rows of a matrix shown at most (the type still says how many there are). */
const MAX_ROWS = 12;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const sub = (s: string | number) => `<sub>${s}</sub>`;

/** A float64 written so that it reads back to itself. */
const exact = (x: number) => (Object.is(x, -0) ? '-0' : String(x));

/** Four significant digits, for reading. */
export function short(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(4)));
  return x.toExponential(2);
}

function provenance(key: string): Provenance {
  const p = sources[key];
  if (!p) throw new Error(`no source lines for "${key}"`);
  return p;
}

function where(loc: Located, kind: 'doc' | 'src'): string {
  return `<div data-kind="${kind}"><span class="where" data-file="${escape(loc.file)}" data-line="${loc.line}">${escape(loc.file)}:${loc.line}</span><code>${escape(loc.text)}</code></div>`;
}

/** The "why" lines of a card: the derivation's line(s), then the code's. */
function why(...keys: string[]): string {
  const docs: Located[] = [];
  const srcs: Located[] = [];
  for (const k of keys) {
    const p = provenance(k);
    if (p.doc && !docs.some((d) => d.line === p.doc!.line)) docs.push(p.doc);
    for (const s of p.src) if (!srcs.some((t) => t.file === s.file && t.line === s.line)) srcs.push(s);
  }
  return `<div class="why">${docs.map((d) => where(d, 'doc')).join('')}${srcs.map((s) => where(s, 'src')).join('')}</div>`;
}

function table(m: Mat): string {
  const shown = Math.min(m.rows, MAX_ROWS);
  let html = '<div class="scroll"><table class="m">';
  if (shown < m.rows) html += `<caption>rows 0–${shown - 1} of ${m.rows}</caption>`;
  for (let i = 0; i < shown; i++) {
    html += '<tr>';
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[i * m.cols + j]!;
      html += `<td class="${v > 0 ? 'pos' : v < 0 ? 'neg' : ''}" data-value="${exact(v)}" title="${exact(v)}">${short(v)}</td>`;
    }
    html += '</tr>';
  }
  return `${html}</table></div>`;
}

interface Card {
  readonly id: string;
  readonly name: string;
  readonly m: Mat;
  readonly shape: string;
  readonly keys: string[];
  readonly param?: boolean;
}

function card(c: Card): string {
  return `<article class="card${c.param ? ' param' : ''}" data-testid="m-${c.id}" data-rows="${c.m.rows}" data-cols="${c.m.cols}">
<header><span class="name">${c.name}</span><span class="type" data-testid="type-${c.id}">Matrix&lt;${c.m.rows}, ${c.m.cols}&gt;</span><span class="shape">${c.shape}</span></header>
${why(...c.keys)}${table(c.m)}</article>`;
}

const ACT_LABEL: Record<string, string> = { relu: 'ReLU', leakyRelu: 'LeakyReLU', tanh: 'tanh', sigmoid: 'σ', linear: 'id', softsign: 'softsign' };

export function renderDerivation(d: Derivation): string {
  const L = d.sizes.length - 1;
  const N = d.X.rows;
  const n = d.sizes;
  const K = n[L]!;
  const forward: string[] = [];
  for (let l = 1; l <= L; l++) {
    const x = d.Xs[l - 1]!;
    if (l === 1) {
      forward.push(card({ id: 'X-1', name: `X${sub(1)} = X`, m: x, shape: `the batch: N = ${N} row${N === 1 ? '' : 's'} of n${sub(1)} = ${n[0]} input${n[0] === 1 ? '' : 's'}`, keys: ['X1'] }));
    } else {
      const act = d.activations[l - 2]!;
      forward.push(card({
        id: `X-${l}`,
        name: `X${sub(l)} = ${ACT_LABEL[act] ?? act}(Z${sub(l - 1)})`,
        m: x,
        shape: `elementwise: the shape of Z${sub(l - 1)}, ${N} × ${n[l - 1]}`,
        keys: ['Xnext', `forward.${act}`],
      }));
    }
    forward.push(card({ id: `W-${l}`, name: `W${sub(l)}`, m: d.weights[l - 1]!, shape: `n${sub(l)} × n${sub(l + 1)} = ${n[l - 1]} × ${n[l]}`, keys: ['W'], param: true }));
    const b = d.biases[l - 1];
    if (b) forward.push(card({ id: `b-${l}`, name: `b${sub(l)}`, m: b, shape: `1 × n${sub(l + 1)}, added to each row`, keys: ['b'], param: true }));
    forward.push(card({
      id: `Z-${l}`,
      name: `Z${sub(l)} = X${sub(l)}·W${sub(l)}${b ? ` + b${sub(l)}` : ''}`,
      m: d.Zs[l - 1]!,
      shape: `(${N} × ${n[l - 1]})·(${n[l - 1]} × ${n[l]}) = ${N} × ${n[l]}`,
      keys: ['Z'],
    }));
  }
  const sigmoid = d.head === 'sigmoid';
  forward.push(card({ id: 'Yhat', name: sigmoid ? `Ŷ = σ(Z${sub(L)})` : `Ŷ = Z${sub(L)}`, m: d.Yhat, shape: `N × K = ${N} × ${K}`, keys: [`Yhat.${d.head}`] }));
  forward.push(card({ id: 'Y', name: 'Y (labels)', m: d.Y, shape: `the shape of Ŷ, ${N} × ${K} (never broadcast)`, keys: ['Y'] }));

  const backward: string[] = [];
  for (let l = L; l >= 1; l--) {
    if (l === L) {
      backward.push(card({ id: `delta-${l}`, name: `δ${sub(l)} = ${sigmoid ? 'Ŷ − Y' : '(2/K)(Ŷ − Y)'}`, m: d.deltas[l - 1]!, shape: `the shape of Z${sub(l)}, ${N} × ${n[l]}`, keys: [`deltaL.${d.head}`] }));
    } else {
      const act = d.activations[l - 1]!;
      const relu = act === 'relu';
      backward.push(card({
        id: `delta-${l}`,
        name: `δ${sub(l)} = (δ${sub(l + 1)}·W${sub(l + 1)}ᵀ) ∘ ${ACT_LABEL[act] ?? act}'(Z${sub(l)})`,
        m: d.deltas[l - 1]!,
        shape: `(${N} × ${n[l + 1]})·(${n[l + 1]} × ${n[l]}) ∘ (${N} × ${n[l]}) = ${N} × ${n[l]}`,
        keys: relu ? ['delta.relu'] : ['delta.elementwise', `derivative.${act}`],
      }));
    }
    backward.push(card({
      id: `dW-${l}`,
      name: `∂J/∂W${sub(l)} = X${sub(l)}ᵀ·δ${sub(l)} / N`,
      m: d.grads[l - 1]!,
      shape: `(${n[l - 1]} × ${N})·(${N} × ${n[l]}) / ${N} = ${n[l - 1]} × ${n[l]}, the shape of W${sub(l)}`,
      keys: ['dW'],
    }));
    const db = d.biasGrads[l - 1];
    if (db) backward.push(card({ id: `db-${l}`, name: `∂J/∂b${sub(l)} = Σ<sub>rows</sub> δ${sub(l)} / N`, m: db, shape: `column sums of ${N} × ${n[l]}, / ${N} = 1 × ${n[l]}`, keys: ['db'] }));
  }

  const J = provenance(`J.${d.head}`);
  const update = provenance(`update.${d.optimizer}`);
  return `<p class="summary"><code>${escape(d.typeName)}</code>: ${escape(d.caption)}, so N = ${N}.
Loss <span class="mono" data-testid="derive-loss" data-value="${exact(d.loss)}">J = ${short(d.loss)}</span>.</p>
<div class="why">${where(J.doc!, 'doc')}${J.src.map((s) => where(s, 'src')).join('')}</div>
<h3>Forward pass: X<sub>1</sub> → Ŷ</h3>
<div class="pass">${forward.join('')}</div>
<h3>Backward pass: δ<sub>${L}</sub> → ∂J/∂W<sub>1</sub> (the gradient the next update uses, before weight decay)</h3>
<div class="pass">${backward.join('')}</div>
<h3>The update (${escape(d.optimizer)})</h3>
<div class="why">${where(update.doc!, 'doc')}${update.src.map((s) => where(s, 'src')).join('')}</div>`;
}

export function renderGradCheck(g: GradCheckResult): string {
  const p = provenance('gradcheck');
  const ok = g.maxRelErr < 1e-4;
  const w = g.worst;
  const name = `${w.kind === 'weight' ? 'W' : 'b'}${w.layer}[${w.index[0]}, ${w.index[1]}]`;
  return `<span class="${ok ? 'gc-ok' : 'gc-bad'}">max relative error <span class="mono" data-testid="gradcheck-rel" data-value="${exact(g.maxRelErr)}">${g.maxRelErr.toExponential(2)}</span></span>
on ${escape(g.caption)} (eps ${g.eps}; worst at ${name}: analytic ${short(w.analytic)}, numeric ${short(w.numeric)})${ok ? '' : ' — near a ReLU kink, a large error can be the finite difference, not backprop (docs/derivation.md §8)'}
<div class="why">${where(p.doc!, 'doc')}${p.src.map((s) => where(s, 'src')).join('')}</div>`;
}
