#!/usr/bin/env node
// Draws images/icon.png (128×128, the Marketplace size) with signed distance
// functions and 4×4 supersampling, so that no image tool is needed:
// a lens over a pod's resource bars, on Kubernetes blue.
//   node client/scripts/make-icon.js
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const size = 128;
const samples = 4;

const roundedBox = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const capsule = (x, y, ax, ay, bx, by, r) => {
  const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - r;
};
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

// Back to front: [inside(x, y) → boolean, colour(x, y) → [r, g, b]]
const layers = [
  [(x, y) => roundedBox(x, y, 64, 64, 62, 62, 26) < 0, (_x, y) => mix([60, 122, 240], [22, 52, 132], y / size)],
  [(x, y) => circle(x, y, 54, 54, 30) < 0, () => [16, 40, 100]],
  [(x, y) => roundedBox(x, y, 42, 62, 4.5, 9, 3) < 0, () => [120, 220, 255]],
  [(x, y) => roundedBox(x, y, 54, 56, 4.5, 15, 3) < 0, () => [255, 209, 102]],
  [(x, y) => roundedBox(x, y, 66, 65, 4.5, 6, 3) < 0, () => [120, 220, 255]],
  [(x, y) => Math.abs(circle(x, y, 54, 54, 33)) < 5.5, () => [255, 255, 255]],
  [(x, y) => capsule(x, y, 79, 79, 104, 104, 7) < 0, () => [255, 255, 255]],
];

const pixels = Buffer.alloc(size * (size * 4 + 1));
for (let py = 0; py < size; py++) {
  pixels[py * (size * 4 + 1)] = 0; // PNG filter: none
  for (let px = 0; px < size; px++) {
    let [r, g, b, a] = [0, 0, 0, 0];
    for (let sy = 0; sy < samples; sy++) {
      for (let sx = 0; sx < samples; sx++) {
        const x = px + (sx + 0.5) / samples;
        const y = py + (sy + 0.5) / samples;
        let colour = null;
        for (const [inside, paint] of layers) if (inside(x, y)) colour = paint(x, y);
        if (colour) {
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
    }
    const offset = py * (size * 4 + 1) + 1 + px * 4;
    // Colours are averaged over covered samples only, so edges do not darken.
    pixels[offset] = a ? Math.round(r / a) : 0;
    pixels[offset + 1] = a ? Math.round(g / a) : 0;
    pixels[offset + 2] = a ? Math.round(b / a) : 0;
    pixels[offset + 3] = Math.round((255 * a) / (samples * samples));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.resolve(__dirname, '../../images/icon.png');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, png);
process.stdout.write(`${path.relative(process.cwd(), out)}: ${png.length} bytes\n`);
