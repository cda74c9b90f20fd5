// The trained network as a TypeScript module: `fromWeights([matrix([...]), ...], { activations,
// biases })`, whose literal matrices give the compiler every size, so hovering `net` shows
// `Network<[2, 4, 1], "sigmoid">`. Numbers are written at round-trip precision (String(x) is the
// shortest decimal that reads back to the same float64), so the module is the same network, bit for bit.
import type { Mat } from './protocol.js';

export interface ExportSource {
  readonly sizes: readonly number[];
  /** One per layer, the head last. */
  readonly activations: readonly string[];
  readonly weights: readonly Mat[];
  readonly biases: readonly (Mat | null)[];
  /** A line about where the network comes from. */
  readonly note: string;
}

/** A float64 written so that it reads back to itself (−0 included). */
export function num(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** `Network<[2, 4, 1], "sigmoid">`: the type the editor shows. */
export function typeName(sizes: readonly number[], head: string): string {
  return `Network<[${sizes.join(', ')}], "${head}">`;
}

export function typescriptModule(src: ExportSource): string {
  const head = src.activations[src.activations.length - 1]!;
  const rowsOf = (m: Mat) => Array.from({ length: m.rows }, (_, i) => `[${m.data.slice(i * m.cols, (i + 1) * m.cols).map(num).join(', ')}]`);
  const lines = [
    `// ${src.note}`,
    '// Hover `net` in your editor: its type carries every layer size and the head.',
    "import { fromWeights, matrix } from 'typed-mlp';",
    '',
    `// ${typeName(src.sizes, head)}`,
    'export const net = fromWeights(',
    '  [',
  ];
  src.weights.forEach((w, l) => {
    lines.push(`    // W_${l + 1}: Matrix<${w.rows}, ${w.cols}>`, '    matrix([');
    for (const row of rowsOf(w)) lines.push(`      ${row},`);
    lines.push('    ]),');
  });
  lines.push('  ],', '  {', `    activations: [${src.activations.map((a) => `'${a}'`).join(', ')}],`);
  if (src.biases.some((b) => b !== null)) {
    lines.push('    biases: [');
    src.biases.forEach((b, l) => lines.push(b === null ? '      null,' : `      [${b.data.map(num).join(', ')}], // b_${l + 1}: 1 × ${b.cols}`));
    lines.push('    ],');
  }
  lines.push('  },', ');', '');
  return lines.join('\n');
}
