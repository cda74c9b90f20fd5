// A screenshot as an indexed-colour PNG (≤ 256 colours, median cut, no dithering), about half the
// bytes of the RGB PNG Chromium writes: the README's picture must stay under 300 kB. The pixels are
// read back through a canvas of the page that took the screenshot, so no PNG decoder is needed here.
import { deflateSync } from 'node:zlib';

/** RGBA pixels of a PNG, decoded by the browser. */
export async function pixelsOf(page, png) {
  const { width, height, rgba } = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let s = '';
    for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: canvas.width, height: canvas.height, rgba: btoa(s) };
  }, png.toString('base64'));
  return { width, height, rgba: Buffer.from(rgba, 'base64') };
}

/** Median cut over the image's colours, weighted by how often each occurs: at most `max` colours. */
function palette(counts, max) {
  const colours = [...counts.entries()].map(([c, n]) => ({ r: c >> 16, g: (c >> 8) & 255, b: c & 255, n }));
  if (colours.length <= max) return colours.map(({ r, g, b }) => [r, g, b]);
  let boxes = [colours];
  while (boxes.length < max) {
    // Split the box with the widest channel range (times its weight), at its weighted median.
    let best = -1;
    let score = 0;
    let channel = 'r';
    boxes.forEach((box, i) => {
      if (box.length < 2) return;
      for (const ch of ['r', 'g', 'b']) {
        let lo = 255;
        let hi = 0;
        let weight = 0;
        for (const c of box) {
          lo = Math.min(lo, c[ch]);
          hi = Math.max(hi, c[ch]);
          weight += c.n;
        }
        const s = (hi - lo) * Math.sqrt(weight);
        if (s > score) {
          score = s;
          best = i;
          channel = ch;
        }
      }
    });
    if (best < 0) break;
    const box = boxes[best].sort((a, b) => a[channel] - b[channel]);
    const total = box.reduce((t, c) => t + c.n, 0);
    let acc = 0;
    let cut = 1;
    for (; cut < box.length - 1; cut++) {
      acc += box[cut - 1].n;
      if (acc >= total / 2) break;
    }
    boxes = [...boxes.slice(0, best), box.slice(0, cut), box.slice(cut), ...boxes.slice(best + 1)];
  }
  return boxes.map((box) => {
    const w = box.reduce((t, c) => t + c.n, 0);
    return ['r', 'g', 'b'].map((ch) => Math.round(box.reduce((t, c) => t + c[ch] * c.n, 0) / w));
  });
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC[(c ^ byte) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An 8-bit indexed PNG of RGBA pixels (alpha ignored: a screenshot is opaque). */
export function png8({ width, height, rgba }) {
  const counts = new Map();
  for (let i = 0; i < rgba.length; i += 4) {
    const c = (rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2];
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const pal = palette(counts, 256);
  const index = new Map();
  for (const c of counts.keys()) {
    const r = c >> 16;
    const g = (c >> 8) & 255;
    const b = c & 255;
    let best = 0;
    let bestD = Infinity;
    pal.forEach(([pr, pg, pb], i) => {
      const d = 2 * (pr - r) ** 2 + 4 * (pg - g) ** 2 + 3 * (pb - b) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    index.set(c, best);
  }
  const raw = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none (best for indexed colour)
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      raw[y * (width + 1) + 1 + x] = index.get((rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2]);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 3; // colour type: indexed
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(pal.flat())),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
