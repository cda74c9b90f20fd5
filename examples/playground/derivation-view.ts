// The derivation panel: for the rows asked for, every matrix of one forward and backward pass
// (net.evaluate), in the order the code computes them, each with its type as the compiler shows it
// (`Matrix<1, 4>`), the shapes that make it so, the line of docs/derivation.md that defines it and
// the lines of src/ that compute it (found in those files when the page was built). While training
// with "live" on, a new derivation of the same shapes only rewrites the numbers of the cells already
// there (DerivationPanel), so the panel's DOM is built once, not every update.
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
  if (shown < m.rows) html += `<caption>rows 0–${shown - 1}; … ${m.rows - shown} more rows</caption>`;
  for (let i = 0; i < shown; i++) {
    html += '<tr>';
    for (let j = 0; j < m.cols; j++) {
      const a = cellAttributes(m.data[i * m.cols + j]!);
      html += `<td class="${a.sign}" data-value="${a.value}">${a.text}</td>`;
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

/** Every matrix card of a derivation, in the order the panel shows them, and the panel's HTML. */
function cardsOf(d: Derivation): { forward: Card[]; backward: Card[] } {
  const L = d.sizes.length - 1;
  const N = d.X.rows;
  const n = d.sizes;
  const K = n[L]!;
  const forward: Card[] = [];
  for (let l = 1; l <= L; l++) {
    const x = d.Xs[l - 1]!;
    if (l === 1) {
      forward.push({ id: 'X-1', name: `X${sub(1)} = X`, m: x, shape: `the batch: N = ${N} row${N === 1 ? '' : 's'} of n${sub(1)} = ${n[0]} input${n[0] === 1 ? '' : 's'}`, keys: ['X1'] });
    } else {
      const act = d.activations[l - 2]!;
      forward.push({
        id: `X-${l}`,
        name: `X${sub(l)} = ${ACT_LABEL[act] ?? act}(Z${sub(l - 1)})`,
        m: x,
        shape: `elementwise: the shape of Z${sub(l - 1)}, ${N} × ${n[l - 1]}`,
        // ReLU has its own lines (the seed's); the others, the line that holds for every activation.
        keys: act === 'relu' ? ['Xnext.relu', 'forward.relu'] : ['Xnext', `forward.${act}`],
      });
    }
    forward.push({ id: `W-${l}`, name: `W${sub(l)}`, m: d.weights[l - 1]!, shape: `n${sub(l)} × n${sub(l + 1)} = ${n[l - 1]} × ${n[l]}`, keys: ['W'], param: true });
    const b = d.biases[l - 1];
    if (b) forward.push({ id: `b-${l}`, name: `b${sub(l)}`, m: b, shape: `1 × n${sub(l + 1)}, added to each row`, keys: ['b'], param: true });
    forward.push({
      id: `Z-${l}`,
      name: `Z${sub(l)} = X${sub(l)}·W${sub(l)}${b ? ` + b${sub(l)}` : ''}`,
      m: d.Zs[l - 1]!,
      shape: `(${N} × ${n[l - 1]})·(${n[l - 1]} × ${n[l]}) = ${N} × ${n[l]}`,
      keys: ['Z'],
    });
  }
  const sigmoid = d.head === 'sigmoid';
  forward.push({ id: 'Yhat', name: sigmoid ? `Ŷ = σ(Z${sub(L)})` : `Ŷ = Z${sub(L)}`, m: d.Yhat, shape: `N × K = ${N} × ${K}`, keys: [`Yhat.${d.head}`] });
  forward.push({ id: 'Y', name: 'Y (labels)', m: d.Y, shape: `the shape of Ŷ, ${N} × ${K} (never broadcast)`, keys: ['Y'] });

  const backward: Card[] = [];
  for (let l = L; l >= 1; l--) {
    if (l === L) {
      backward.push({ id: `delta-${l}`, name: `δ${sub(l)} = ${sigmoid ? 'Ŷ − Y' : '(2/K)(Ŷ − Y)'}`, m: d.deltas[l - 1]!, shape: `the shape of Z${sub(l)}, ${N} × ${n[l]}`, keys: [`deltaL.${d.head}`] });
    } else {
      const act = d.activations[l - 1]!;
      const relu = act === 'relu';
      backward.push({
        id: `delta-${l}`,
        name: `δ${sub(l)} = (δ${sub(l + 1)}·W${sub(l + 1)}ᵀ) ∘ ${ACT_LABEL[act] ?? act}'(Z${sub(l)})`,
        m: d.deltas[l - 1]!,
        shape: `(${N} × ${n[l + 1]})·(${n[l + 1]} × ${n[l]}) ∘ (${N} × ${n[l]}) = ${N} × ${n[l]}`,
        keys: relu ? ['delta.relu'] : ['delta.elementwise', `derivative.${act}`],
      });
    }
    backward.push({
      id: `dW-${l}`,
      name: `∂J/∂W${sub(l)} = X${sub(l)}ᵀ·δ${sub(l)} / N`,
      m: d.grads[l - 1]!,
      shape: `(${n[l - 1]} × ${N})·(${N} × ${n[l]}) / ${N} = ${n[l - 1]} × ${n[l]}, the shape of W${sub(l)}`,
      keys: ['dW'],
    });
    const db = d.biasGrads[l - 1];
    if (db) backward.push({ id: `db-${l}`, name: `∂J/∂b${sub(l)} = Σ<sub>rows</sub> δ${sub(l)} / N`, m: db, shape: `column sums of ${N} × ${n[l]}, / ${N} = 1 × ${n[l]}`, keys: ['db'] });
  }
  return { forward, backward };
}

/** What the backward pass's gradient is, for a row or for the batch the next step takes. */
export function backwardNote(d: Derivation): string {
  return d.target.kind === 'row' ? "the gradient of this row's loss alone" : 'the gradient the next update uses, before weight decay';
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
  const { forward, backward } = cardsOf(d);
  const J = provenance(`J.${d.head}`);
  const update = provenance(`update.${d.optimizer}`);
  return `<p class="summary"><code>${escape(d.typeName)}</code>: <span data-part="caption">${escape(d.caption)}</span>, so N = ${N}.
Loss <span class="mono" data-testid="derive-loss" data-value="${exact(d.loss)}">J = ${short(d.loss)}</span>.</p>
<div class="why">${where(J.doc!, 'doc')}${J.src.map((s) => where(s, 'src')).join('')}</div>
<h3>Forward pass: X<sub>1</sub> → Ŷ</h3>
<div class="pass">${forward.map(card).join('')}</div>
<h3 data-testid="backward-heading">Backward pass: δ<sub>${L}</sub> → ∂J/∂W<sub>1</sub> (${backwardNote(d)})</h3>
<div class="pass">${backward.map(card).join('')}</div>
<h3>The update (${escape(d.optimizer)})</h3>
<div class="why" data-testid="update-why">${update.doc ? where(update.doc, 'doc') : ''}${update.src.map((s) => where(s, 'src')).join('')}</div>`;
}

/**
 * The panel: shows a derivation, and while the next one has the same shapes (the same network,
 * rows and optimizer: a live update while training) rewrites only the numbers of its cells. A live
 * update rewrites the cards in view at once and the others when they scroll into view.
 */
export class DerivationPanel {
  /** What the panel's structure was built from, its cards and their cells in the order of cardsOf's matrices. */
  private layout = '';
  private cards: HTMLElement[] = [];
  private cells: HTMLTableCellElement[][] = [];
  private caption: HTMLElement | null = null;
  private loss: HTMLElement | null = null;
  /** The cards in view (by index), and the latest matrix of each card not rewritten yet. */
  private readonly visible = new Set<number>();
  private readonly stale = new Map<number, Mat>();
  private readonly observer: IntersectionObserver | undefined;

  constructor(private readonly root: HTMLElement) {
    // A cell's full-precision value as its tooltip, set when the pointer comes (not on each of thousands of cells at every update).
    root.addEventListener('mouseover', (e) => {
      const td = (e.target as HTMLElement).closest?.('td');
      if (td?.dataset['value'] !== undefined) td.title = td.dataset['value'];
    });
    this.observer = typeof IntersectionObserver === 'undefined' ? undefined : new IntersectionObserver((entries) => {
      for (const e of entries) {
        const k = this.cards.indexOf(e.target as HTMLElement);
        if (k < 0) continue;
        if (!e.isIntersecting) {
          this.visible.delete(k);
          continue;
        }
        this.visible.add(k);
        const m = this.stale.get(k);
        if (m) {
          this.stale.delete(k);
          this.fill(k, m);
        }
      }
    }, { rootMargin: '100px' });
  }

  clear(html: string): void {
    this.observer?.disconnect();
    this.root.innerHTML = html;
    this.layout = '';
    this.cards = [];
    this.cells = [];
    this.visible.clear();
    this.stale.clear();
  }

  /** Shows `d`; `live`: a live update while training, which may leave the cards out of view for later. */
  show(d: Derivation, live = false): void {
    const { forward, backward } = cardsOf(d);
    const cards = [...forward, ...backward];
    const layout = JSON.stringify([d.target.kind, d.typeName, d.activations, d.optimizer, cards.map((c) => [c.id, c.m.rows, c.m.cols])]);
    if (layout !== this.layout) {
      this.clear(renderDerivation(d));
      this.layout = layout;
      this.cards = cards.map((c) => this.root.querySelector<HTMLElement>(`[data-testid="m-${c.id}"]`)!);
      this.cells = this.cards.map((card) => [...card.querySelectorAll('td')]);
      this.caption = this.root.querySelector('[data-part="caption"]');
      this.loss = this.root.querySelector('[data-testid="derive-loss"]');
      for (const card of this.cards) this.observer?.observe(card);
      return;
    }
    cards.forEach((c, k) => {
      if (live && this.observer && !this.visible.has(k)) this.stale.set(k, c.m);
      else {
        this.stale.delete(k);
        this.fill(k, c.m);
      }
    });
    if (this.caption) this.caption.textContent = d.caption;
    if (this.loss) {
      this.loss.textContent = `J = ${short(d.loss)}`;
      this.loss.dataset['value'] = exact(d.loss);
    }
  }

  private fill(k: number, m: Mat): void {
    const cells = this.cells[k]!;
    for (let i = 0; i < cells.length; i++) setCell(cells[i]!, m.data[i]!);
  }
}

/** A cell of a matrix: its value to read, to full precision in data-value (and its tooltip), and its sign as a colour. */
function cellAttributes(v: number): { text: string; value: string; sign: string } {
  return { text: short(v), value: exact(v), sign: v > 0 ? 'pos' : v < 0 ? 'neg' : '' };
}

function setCell(td: HTMLTableCellElement, v: number): void {
  const value = exact(v);
  if (td.getAttribute('data-value') === value) return;
  const a = cellAttributes(v);
  td.setAttribute('data-value', value);
  const text = td.firstChild;
  if (text && text.nodeType === Node.TEXT_NODE) {
    if (text.nodeValue !== a.text) text.nodeValue = a.text;
  } else td.textContent = a.text;
  if (td.className !== a.sign) td.className = a.sign;
}

export function renderGradCheck(g: GradCheckResult): string {
  const p = provenance('gradcheck');
  const w = g.worst;
  const name = `${w.kind === 'weight' ? 'W' : 'b'}${w.layer}[${w.index[0]}, ${w.index[1]}]`;
  // Below the floor the denominator is the floor itself: the relative error is |error| / floor, a
  // tiny number that says only that both gradients are tiny. Then the absolute error is the reading.
  const informative = g.maxGrad >= g.floor;
  const ok = g.maxRelErr < 1e-4;
  const figures = `max relative error <span class="mono" data-testid="gradcheck-rel" data-value="${exact(g.maxRelErr)}">${g.maxRelErr.toExponential(2)}</span>,
max absolute error <span class="mono" data-testid="gradcheck-abs" data-value="${exact(g.maxAbsErr)}">${g.maxAbsErr.toExponential(2)}</span>,
largest |gradient| <span class="mono" data-testid="gradcheck-grad" data-value="${exact(g.maxGrad)}">${g.maxGrad.toExponential(2)}</span>`;
  const note = !informative
    ? `<span data-testid="gradcheck-note"> — every |gradient| is below the floor ${g.floor} of the relative error's denominator, so the relative error is not informative here: the absolute error is the reading (the row is fitted, its gradient is nearly 0)</span>`
    : ok ? '' : ' — near a ReLU kink, a large error can be the finite difference, not backprop (docs/derivation.md §8)';
  return `<span class="${ok ? 'gc-ok' : 'gc-bad'}">${figures}</span>
on ${escape(g.caption)} (eps ${g.eps}; worst relative at ${name}: analytic ${short(w.analytic)}, numeric ${short(w.numeric)})${note}
<div class="why">${where(p.doc!, 'doc')}${p.src.map((s) => where(s, 'src')).join('')}</div>`;
}
