#!/usr/bin/env node
// Draws the extension's toolbar icons (a policy page with a grade stripe) as PNGs into
// extension/icons/. The PNGs are committed; rerun only to change the design:
//   node scripts/make-extension-icons.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'extension', 'icons');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = [];
  for (let y = 0; y < size; y += 1) rows.push(Buffer.from([0]), rgba.subarray(y * size * 4, (y + 1) * size * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in a 0..1 unit square, painted in order; the last shape containing a point wins.
const NAVY = [31, 58, 147];
const WHITE = [255, 255, 255];
const GREY = [120, 130, 150];
const GREEN = [26, 127, 55];
function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}
const shapes = [
  [roundedRect(0.02, 0.02, 0.98, 0.98, 0.2), NAVY],
  [roundedRect(0.24, 0.14, 0.76, 0.86, 0.05), WHITE],
  [roundedRect(0.32, 0.3, 0.68, 0.36, 0.02), GREY],
  [roundedRect(0.32, 0.44, 0.68, 0.5, 0.02), GREY],
  [roundedRect(0.32, 0.58, 0.56, 0.64, 0.02), GREY],
  [roundedRect(0.52, 0.62, 0.9, 0.92, 0.1), GREEN],
];

function draw(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const ss = 4; // 4x4 supersampling for smooth edges
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy += 1) {
        for (let sx = 0; sx < ss; sx += 1) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          let colour = null;
          for (const [inside, c] of shapes) if (inside(x, y)) colour = c;
          if (colour) { acc[0] += colour[0]; acc[1] += colour[1]; acc[2] += colour[2]; acc[3] += 1; }
        }
      }
      const i = (py * size + px) * 4;
      if (acc[3]) {
        rgba[i] = Math.round(acc[0] / acc[3]);
        rgba[i + 1] = Math.round(acc[1] / acc[3]);
        rgba[i + 2] = Math.round(acc[2] / acc[3]);
      }
      rgba[i + 3] = Math.round((acc[3] / (ss * ss)) * 255);
    }
  }
  return png(size, rgba);
}

for (const size of [16, 32, 48, 128]) writeFileSync(join(out, `icon-${size}.png`), draw(size));
console.log('wrote extension/icons/icon-{16,32,48,128}.png');
