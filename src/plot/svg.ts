/** Small helpers shared by the SVG plots: escaping, number formatting and the document wrapper. */
import { ValueError } from '../errors.js';

/** Escapes text for XML character data and attribute values (`&`, `<`, `>`, `"`, `'`). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A coordinate or length rounded to 0.01, as SVG text. Never writes NaN: a non-finite value is a bug here. */
export function num(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`internal: non-finite SVG coordinate ${v}`);
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}

/** `name="value"` pairs; numbers go through {@link num}, strings are escaped, undefined is left out. */
export function attrs(a: Readonly<Record<string, string | number | undefined>>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : escapeXml(v!)}"`)
    .join('');
}

/** `<tag …/>` or `<tag …>content</tag>`; `content` must already be markup (escape text first). */
export function el(tag: string, a: Readonly<Record<string, string | number | undefined>>, content?: string): string {
  return content === undefined ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${content}</${tag}>`;
}

/** A text element; `text` is escaped. */
export function text(x: number, y: number, content: string, a: Readonly<Record<string, string | number | undefined>> = {}): string {
  return el('text', { x, y, ...a }, escapeXml(content));
}

export const FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';

/** A standalone SVG document: xmlns, width, height and viewBox set, `title` as its accessible name. */
export function svgDocument(width: number, height: number, title: string, body: readonly string[]): string {
  const head = `<svg${attrs({ xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${num(width)} ${num(height)}`, role: 'img', 'font-family': FONT, 'font-size': 12 })}>`;
  return [head, `<title>${escapeXml(title)}</title>`, el('rect', { width, height, fill: '#ffffff' }), ...body, '</svg>', ''].join('\n');
}

/** A numeric option, checked: a finite number ≥ `min` (throws a ValueError naming the option otherwise). */
export function checkOption(value: unknown, name: string, min: number): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= min) return value;
  throw new ValueError(`${name} is ${typeof value === 'string' ? JSON.stringify(value) : String(value)}, but it must be a finite number ≥ ${min}`);
}
