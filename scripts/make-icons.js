#!/usr/bin/env node
// Draws the app icons (no image tools needed): appPackage/color.png (192x192, shield with a check
// mark on a blue tile) and appPackage/outline.png (32x32, white shield outline on transparent).
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      // 4x supersampling for smooth edges
      let acc = [0, 0, 0, 0];
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
        const p = pixel((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size);
        acc = acc.map((v, i) => v + p[i] * (i === 3 ? 1 : p[3]));
      }
      const a = acc[3] / 16;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = a ? Math.round(acc[0] / acc[3]) : 0;
      raw[o + 1] = a ? Math.round(acc[1] / acc[3]) : 0;
      raw[o + 2] = a ? Math.round(acc[2] / acc[3]) : 0;
      raw[o + 3] = Math.round(a * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
// Shield: flat top from y=0.18, sides down to 0.5, then curving to a point at y=0.86.
function inShield(x, y, inset) {
  const top = 0.18 + inset, bottom = 0.86 - inset * 1.4, half = 0.3 - inset;
  if (y < top || y > bottom) return false;
  const dx = Math.abs(x - 0.5);
  if (y < 0.5) return dx <= half;
  const t = (y - 0.5) / (bottom - 0.5);
  return dx <= half * Math.sqrt(Math.max(0, 1 - t * t));
}
function nearSegment(x, y, ax, ay, bx, by, w) {
  const vx = bx - ax, vy = by - ay, t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
  const dx = x - (ax + t * vx), dy = y - (ay + t * vy);
  return dx * dx + dy * dy <= w * w;
}
const BLUE = [0x2b, 0x59, 0xc3, 1], WHITE = [255, 255, 255, 1], NONE = [0, 0, 0, 0], GREEN = [0x10, 0x7c, 0x41, 1];
const color = png(192, (x, y) => {
  const r = 0.18, cx = Math.min(Math.max(x, r), 1 - r), cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return NONE;           // rounded tile
  if (inShield(x, y, 0)) {
    if (nearSegment(x, y, 0.38, 0.5, 0.47, 0.6, 0.035) || nearSegment(x, y, 0.47, 0.6, 0.64, 0.4, 0.035)) return GREEN;
    return WHITE;
  }
  return BLUE;
});
const outline = png(32, (x, y) => {
  const edge = inShield(x, y, 0) && !inShield(x, y, 0.07);
  const tick = nearSegment(x, y, 0.38, 0.5, 0.47, 0.6, 0.045) || nearSegment(x, y, 0.47, 0.6, 0.64, 0.4, 0.045);
  return edge || tick ? WHITE : NONE;
});
const dir = path.resolve(__dirname, '..', 'appPackage');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'color.png'), color);
fs.writeFileSync(path.join(dir, 'outline.png'), outline);
console.log('wrote appPackage/color.png and appPackage/outline.png');
