// The SVG plots: well-formed XML, and the content a reader relies on (counts, colours, ticks, scales).
import { describe, expect, it } from 'vitest';
import { column, fromWeights, lossCurveSvg, matrix, network, networkSvg, ValueError, type Network } from '../src/index.js';
import { linearTicks, logTicks, niceNumber } from '../src/plot/ticks.js';

interface Node {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: Node[];
  text: string;
}

const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);

/**
 * A minimal XML parser (Node has no DOMParser): checks well-formedness strictly enough for our output
 * (one root, balanced tags, quoted unique attributes, only the five named entities) and returns the tree.
 */
function parseXml(doc: string): Node {
  const root: Node = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const tag = /<[^>]*>/g;
  let last = 0;
  for (let m = tag.exec(doc); m !== null; m = tag.exec(doc)) {
    const between = doc.slice(last, m.index);
    if (ENTITY.test(between) || between.includes('<')) throw new Error(`bad character data: ${between.slice(0, 40)}`);
    stack[stack.length - 1]!.text += decode(between);
    last = m.index + m[0].length;
    const parts = /^<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"<]*")*)\s*(\/?)>$/.exec(m[0]);
    if (!parts) throw new Error(`malformed tag ${m[0]}`);
    const [, close, name, attrText, selfClose] = parts;
    if (close) {
      const open = stack.pop()!;
      if (open.name !== name || attrText || selfClose) throw new Error(`</${name}> closes <${open.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [, k, v] of attrText!.matchAll(/([A-Za-z_][\w.:-]*)="([^"]*)"/g)) {
      if (k! in attrs) throw new Error(`duplicate attribute ${k} in ${m[0]}`);
      if (ENTITY.test(v!)) throw new Error(`bad entity in ${m[0]}`);
      attrs[k!] = decode(v!);
    }
    const node: Node = { name: name!, attrs, children: [], text: '' };
    if (stack.length === 1 && root.children.length > 0) throw new Error('more than one root element');
    stack[stack.length - 1]!.children.push(node);
    if (!selfClose) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (doc.slice(last).trim() !== '' || root.text.trim() !== '') throw new Error('text outside the root element');
  return root.children[0]!;
}

/** Every element of the tree, depth first. */
function all(node: Node): Node[] {
  return [node, ...node.children.flatMap(all)];
}
const byName = (svg: Node, name: string) => all(svg).filter((n) => n.name === name);
const byClass = (svg: Node, name: string, cls: string) => byName(svg, name).filter((n) => (n.attrs.class ?? '').split(' ').includes(cls));
const points = (p: Node) => p.attrs.points!.split(' ').map((xy) => xy.split(',').map(Number) as [number, number]);
const yTicks = (svg: Node) => byClass(svg, 'text', 'tick').filter((t) => t.attrs.class === 'tick y').map((t) => ({ label: t.text, y: Number(t.attrs.y) }));

/** Parses an SVG document and checks what every one of them must have. */
function svgOf(doc: string): Node {
  expect(doc).not.toMatch(/NaN|Infinity|undefined/);
  const svg = parseXml(doc);
  expect(svg.name).toBe('svg');
  expect(svg.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
  expect(svg.attrs.viewBox).toBe(`0 0 ${svg.attrs.width} ${svg.attrs.height}`);
  expect(Number(svg.attrs.width)).toBeGreaterThan(0);
  expect(byName(svg, 'title')[0]!.text).not.toBe('');
  return svg;
}

const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
const Y = column([0, 1, 1, 0]);
const xorWeights = () => [matrix([[0.1, 0.6, 0.3], [0.1, -0.2, 0.4]]), matrix([[-0.2], [1.1], [1.3]])] as const;

describe('the XML check itself', () => {
  it('rejects unbalanced tags, bare ampersands and unquoted attributes', () => {
    expect(() => parseXml('<svg><g></svg>')).toThrow();
    expect(() => parseXml('<svg><text>a & b</text></svg>')).toThrow();
    expect(() => parseXml('<svg width=3></svg>')).toThrow();
    expect(() => parseXml('<svg/><svg/>')).toThrow();
    expect(parseXml('<svg a="1"><text>&lt;&amp;</text></svg>').children[0]!.text).toBe('<&');
  });
});

describe('networkSvg', () => {
  const net: Network<[9, 6, 6, 1]> = network(9, { seed: 3, bias: false }).relu(6).relu(6).sigmoid(1);

  it('draws the 9-6-6-1 net: 22 circles, 9·6 + 6·6 + 6·1 = 96 lines, labelled columns', () => {
    const svg = svgOf(networkSvg(net));
    expect(byName(svg, 'circle')).toHaveLength(9 + 6 + 6 + 1);
    expect(byClass(svg, 'line', 'w')).toHaveLength(96);
    expect(byClass(svg, 'line', 'b')).toHaveLength(0);
    expect(byClass(svg, 'text', 'column-label').map((t) => t.text)).toEqual(['input 9', 'hidden 6 (ReLU)', 'hidden 6 (ReLU)', 'output 1 (sigmoid)']);
  });

  it('colours each line by the sign of its weight and sizes it by |w| over its layer\'s largest |w|', () => {
    const hand = fromWeights([matrix([[1, -2], [0, 0.5]]), matrix([[-4], [2]])]);
    const svg = svgOf(networkSvg(hand));
    const lines = new Map(byClass(svg, 'line', 'w').map((l) => [byName(l, 'title')[0]!.text, l.attrs]));
    expect([...lines.keys()].sort()).toEqual(['W1[0][0] = 1', 'W1[0][1] = -2', 'W1[1][0] = 0', 'W1[1][1] = 0.5', 'W2[0][0] = -4', 'W2[1][0] = 2']);
    const blue = lines.get('W1[0][0] = 1')!.stroke;
    const red = lines.get('W1[0][1] = -2')!.stroke;
    expect(blue).toMatch(/^#/);
    expect(red).not.toBe(blue);
    expect(lines.get('W1[1][1] = 0.5')!.stroke).toBe(blue);
    expect(lines.get('W2[1][0] = 2')!.stroke).toBe(blue);
    expect(lines.get('W2[0][0] = -4')!.stroke).toBe(red);
    const zero = lines.get('W1[1][0] = 0')!.stroke;
    expect([blue, red]).not.toContain(zero);
    const width = (k: string) => Number(lines.get(k)!['stroke-width']);
    // Relative to the layer: -2 and -4 are each their layer's largest, 1 and 2 half of it.
    expect(width('W1[0][1] = -2')).toBe(width('W2[0][0] = -4'));
    expect(width('W1[0][0] = 1')).toBe(width('W2[1][0] = 2'));
    expect(width('W1[0][0] = 1')).toBeLessThan(width('W1[0][1] = -2'));
    expect(width('W1[1][1] = 0.5')).toBeLessThan(width('W1[0][0] = 1'));
  });

  it('shows biases as a "+1" bias unit per layer with a dashed line to each unit it feeds', () => {
    const xor = fromWeights(xorWeights(), { biases: [[0.5, -0.25, 0], null] });
    const svg = svgOf(networkSvg(xor));
    expect(byName(svg, 'circle')).toHaveLength(2 + 3 + 1 + 1);
    expect(byClass(svg, 'circle', 'bias')).toHaveLength(1);
    const b = byClass(svg, 'line', 'b');
    expect(b.map((l) => byName(l, 'title')[0]!.text)).toEqual(expect.arrayContaining(['b1[0] = 0.5', 'b1[1] = -0.25', 'b1[2] = 0']));
    expect(b).toHaveLength(3);
    expect(b.every((l) => l.attrs['stroke-dasharray'] !== undefined)).toBe(true);
    const both = svgOf(networkSvg(fromWeights(xorWeights(), { biases: true })));
    expect(byName(both, 'circle')).toHaveLength(6 + 2);
    expect(byClass(both, 'line', 'b')).toHaveLength(3 + 1);
    expect(byClass(both, 'line', 'w')).toHaveLength(2 * 3 + 3 * 1);
  });

  it('draws a layer wider than 32 units as its first 16 and last 15 units around a "⋮", and says so', () => {
    const wide = network(40, { seed: 1, bias: false }).relu(100).relu(5).sigmoid(2);
    const doc = networkSvg(wide);
    const svg = svgOf(doc);
    expect(byName(svg, 'circle')).toHaveLength(31 + 31 + 5 + 2);
    expect(byClass(svg, 'text', 'ellipsis')).toHaveLength(2);
    expect(byClass(svg, 'line', 'w')).toHaveLength(31 * 31 + 31 * 5 + 5 * 2);
    expect(doc).toContain('first 16 and last 15');
    expect(doc).toContain('69 more');
    const titles = byClass(svg, 'line', 'w').map((l) => byName(l, 'title')[0]!.text);
    expect(titles.some((t) => t.startsWith('W1[15][99] ='))).toBe(true);
    expect(titles.some((t) => t.startsWith('W1[16]['))).toBe(false);
    expect(titles.some((t) => t.startsWith('W1[25]['))).toBe(true); // 40 − 15 = 25: the tail starts there
    expect(byName(svgOf(networkSvg(wide, { maxUnits: 101 })), 'circle')).toHaveLength(40 + 100 + 5 + 2);
  });

  it('escapes the title and rejects a bad maxUnits', () => {
    const svg = svgOf(networkSvg(net, { title: 'a <net> & "b"' }));
    expect(byClass(svg, 'text', 'title')[0]!.text).toBe('a <net> & "b"');
    expect(() => networkSvg(net, { maxUnits: 2 })).toThrow(ValueError);
    expect(() => networkSvg(net, { maxUnits: 7.5 })).toThrow(/maxUnits is 7.5/);
  });
});

describe('nice ticks', () => {
  it('rounds to 1, 2 and 5 times a power of ten', () => {
    expect([0.7, 1.2, 2.4, 4, 8, 130].map((x) => niceNumber(x, true))).toEqual([0.5, 1, 2, 5, 10, 100]);
    expect([0.7, 1.2, 2.4, 4, 8, 130].map((x) => niceNumber(x, false))).toEqual([1, 2, 5, 5, 10, 200]);
  });

  it('covers [0.1, 0.8] with multiples of 0.2 and clean labels', () => {
    const t = linearTicks(0.1, 0.8);
    expect(t.values).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(t.labels).toEqual(['0', '0.2', '0.4', '0.6', '0.8']);
    expect(linearTicks(0.3, 0.34).labels).toEqual(['0.30', '0.31', '0.32', '0.33', '0.34']);
    expect(linearTicks(0, 999, 6, true).values).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(linearTicks(0, 2, 6, true).values).toEqual([0, 1, 2]);
    expect(linearTicks(2e-5, 9e-5).labels).toEqual(['2e-5', '4e-5', '6e-5', '8e-5', '1e-4']);
    expect(linearTicks(1e6, 5e6).labels).toEqual(['1e6', '2e6', '3e6', '4e6', '5e6']);
  });

  it('puts log ticks on powers of ten, with 2× and 5× labelled over a short span', () => {
    expect(logTicks(0.01, 1).values).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
    const three = logTicks(0.003, 0.7); // three decades: powers of ten labelled, 2×…9× as minor ticks
    expect(three.labels).toEqual(['0.001', '0.01', '0.1', '1']);
    expect(three.minor).toHaveLength(3 * 8);
    const wide = logTicks(1e-12, 10);
    expect(wide.values.length).toBeLessThanOrEqual(9);
    expect(wide.labels[0]).toBe('1e-12');
  });
});

describe('lossCurveSvg', () => {
  const falling = [0.8, 0.61, 0.45, 0.33, 0.25, 0.2, 0.16, 0.13, 0.11, 0.1];

  it('draws one polyline point per loss, its y rising (falling loss) as the loss falls', () => {
    const svg = svgOf(lossCurveSvg(falling));
    const lines = byClass(svg, 'polyline', 'series');
    expect(lines).toHaveLength(1);
    const pts = points(lines[0]!);
    expect(pts).toHaveLength(falling.length);
    for (let k = 1; k < pts.length; k++) {
      expect(pts[k]![0]).toBeGreaterThan(pts[k - 1]![0]);
      expect(pts[k]![1]).toBeGreaterThan(pts[k - 1]![1]); // SVG y grows downwards
    }
    expect(byClass(svg, 'text', 'axis-label').map((t) => t.text)).toEqual(['epoch', 'loss']);
  });

  it('labels the y axis with nice ticks: for losses in [0.1, 0.8], multiples of 0.2', () => {
    const ticks = yTicks(svgOf(lossCurveSvg(falling)));
    expect(ticks.map((t) => t.label)).toEqual(['0', '0.2', '0.4', '0.6', '0.8']);
    for (const { label } of ticks) expect(Math.abs(Number(label) / 0.2 - Math.round(Number(label) / 0.2))).toBeLessThan(1e-9);
    // and the ticks sit where their values are: equal steps on a linear axis
    const ys = ticks.map((t) => t.y);
    expect(ys[0]! - ys[1]!).toBeCloseTo(ys[3]! - ys[4]!, 1);
  });

  it('places 1, 0.1 and 0.01 at equal spacing on a log axis', () => {
    const svg = svgOf(lossCurveSvg([1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01], { yScale: 'log' }));
    const at = new Map(yTicks(svg).map((t) => [t.label, t.y]));
    const [one, tenth, hundredth] = [at.get('1')!, at.get('0.1')!, at.get('0.01')!];
    expect(tenth - one).toBeGreaterThan(50);
    expect(hundredth - tenth).toBeCloseTo(tenth - one, 1);
    const pts = points(byClass(svg, 'polyline', 'series')[0]!);
    expect(pts[0]![1]).toBeCloseTo(one, 1);
    expect(pts[3]![1]).toBeCloseTo(tenth, 1);
    expect(pts[6]![1]).toBeCloseTo(hundredth, 1);
  });

  it('on a log axis draws a 0 at the smallest positive value and says so; no NaN', () => {
    const doc = lossCurveSvg([1, 0.1, 0, 0.01], { yScale: 'log' });
    const svg = svgOf(doc);
    const pts = points(byClass(svg, 'polyline', 'series')[0]!);
    expect(pts).toHaveLength(4);
    expect(pts[2]![1]).toBe(pts[3]![1]);
    expect(byClass(svg, 'text', 'note')[0]!.text).toBe('values ≤ 0 drawn at 0.01');
    expect(yTicks(svgOf(lossCurveSvg([0, 0], { yScale: 'log' }))).map((t) => t.label)).toContain('0'); // nothing positive: linear
  });

  it('skips NaN and ±Infinity, leaving a gap, and never writes them', () => {
    const doc = lossCurveSvg([0.9, 0.7, NaN, 0.5, Infinity, 0.4, 0.3, -Infinity, 0.2]);
    const svg = svgOf(doc);
    const runs = [...byClass(svg, 'polyline', 'series'), ...byClass(svg, 'circle', 'point')];
    expect(byClass(svg, 'polyline', 'series').map((p) => points(p).length)).toEqual([2, 2]);
    expect(byClass(svg, 'circle', 'point')).toHaveLength(2); // [0.5] and [0.2] stand alone
    expect(runs).toHaveLength(4);
    const empty = svgOf(lossCurveSvg([NaN, NaN]));
    expect(byName(empty, 'polyline')).toHaveLength(0);
    expect(all(empty).some((n) => n.text.includes('no finite values'))).toBe(true);
  });

  it('accepts what fit and train return, a plain array, and named series with a legend', () => {
    const net = fromWeights(xorWeights());
    const trained = net.train(X, Y, { lr: 1, epochs: 20 }); // { losses, finalLoss }
    const fitted = net.fit(X, Y, { lr: 1, epochs: 15 }); //     { loss }
    const legendOf = (doc: string) => byClass(svgOf(doc), 'g', 'legend').flatMap((g) => byName(g, 'text').map((t) => t.text));
    expect(legendOf(lossCurveSvg(trained))).toEqual(['losses']);
    expect(legendOf(lossCurveSvg(fitted))).toEqual(['loss']);
    expect(legendOf(lossCurveSvg(trained.losses))).toEqual(['loss']);
    expect(legendOf(lossCurveSvg({ loss: fitted.loss, val_loss: fitted.loss.map((l) => l * 1.1) }))).toEqual(['loss', 'val_loss']);
    expect(legendOf(lossCurveSvg({ loss: [1, 0.5], valLoss: [1.1, 0.6], accuracy: [0.5, 0.75] }))).toEqual(['loss', 'valLoss']);
    expect(legendOf(lossCurveSvg({ train: [1, 0.5], test: [1.1, 0.6] }))).toEqual(['train', 'test']);
    expect(legendOf(lossCurveSvg({ loss: [1, 0.5], accuracy: [0.5, 0.75] }, { series: ['accuracy'] }))).toEqual(['accuracy']);
    const two = svgOf(lossCurveSvg({ loss: falling, valLoss: falling.map((l) => l + 0.05) }));
    const strokes = byClass(two, 'polyline', 'series').map((p) => p.attrs.stroke);
    expect(new Set(strokes).size).toBe(2);
    expect(points(byClass(svgOf(lossCurveSvg(trained)), 'polyline', 'series')[0]!)).toHaveLength(20);
  });

  it('escapes the title and series names', () => {
    const doc = lossCurveSvg({ 'a<b & "c"': [1, 0.5] }, { title: 'loss <&> "quoted" \'too\'' });
    expect(doc).toContain('loss &lt;&amp;&gt; &quot;quoted&quot; &apos;too&apos;');
    const svg = svgOf(doc);
    expect(byClass(svg, 'text', 'title')[0]!.text).toBe('loss <&> "quoted" \'too\'');
    expect(byName(svg, 'title')[0]!.text).toBe('loss <&> "quoted" \'too\'');
    expect(byClass(svg, 'polyline', 'series')[0]!.attrs['data-series']).toBe('a<b & "c"');
  });

  it('thins a long series to about maxPoints, keeping its ends and extremes', () => {
    const long = Array.from({ length: 10_000 }, (_, i) => 1 / (1 + i) + (i === 5001 ? 0.5 : 0));
    const pts = points(byClass(svgOf(lossCurveSvg(long)), 'polyline', 'series')[0]!);
    expect(pts.length).toBeLessThanOrEqual(2000);
    expect(pts.length).toBeGreaterThan(500);
    const full = points(byClass(svgOf(lossCurveSvg(long, { maxPoints: Number.MAX_SAFE_INTEGER })), 'polyline', 'series')[0]!);
    expect(full).toHaveLength(10_000);
    expect(pts[0]).toEqual(full[0]);
    expect(pts[pts.length - 1]).toEqual(full[full.length - 1]);
    expect(pts).toContainEqual(full[5001]); // the spike survives
  });

  it('rejects histories and options it cannot draw, with a ValueError', () => {
    expect(() => lossCurveSvg({} as never)).toThrow(/no series to plot/);
    expect(() => lossCurveSvg(['0.5'] as never)).toThrow(/history.loss\[0\] is "0.5", expected a number/);
    expect(() => lossCurveSvg({ loss: [1] }, { series: ['val'] })).toThrow(/no series "val"; its series are loss/);
    expect(() => lossCurveSvg([1], { yScale: 'ln' as never })).toThrow(ValueError);
    expect(() => lossCurveSvg([1], { width: NaN })).toThrow(/width is NaN/);
    expect(svgOf(lossCurveSvg([0.5])).name).toBe('svg'); // one epoch: a single point
  });
});
