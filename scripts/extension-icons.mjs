// The extension's icons, drawn here rather than copied from anywhere: a white sieve (a bowl
// with holes, its rim and handle) on a teal rounded square. `iconPng(size)` returns the PNG
// bytes; scripts/build-extension.mjs writes 16, 32, 48 and 128 px into the built extension.
// Shapes are sampled 4 × 4 per pixel for smooth edges. No dependencies: the PNG is written
// with node:zlib.
import { crc32, deflateSync } from "node:zlib";

const TEAL = [15, 118, 110];
const WHITE = [255, 255, 255];

// Coverage of one point (x, y in 0..1): which colour it shows, or null (transparent).
function colourAt(x, y) {
  // The rounded square.
  const r = 0.2;
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  if (qx * qx + qy * qy > r * r) return null;
  // The handle: a bar from the rim up to the right.
  const hx = 0.84, hy = 0.44, ex = 0.97, ey = 0.22;
  const t = Math.max(0, Math.min(1, ((x - hx) * (ex - hx) + (y - hy) * (ey - hy)) / ((ex - hx) ** 2 + (ey - hy) ** 2)));
  const dh = Math.hypot(x - (hx + t * (ex - hx)), y - (hy + t * (ey - hy)));
  if (dh < 0.045) return WHITE;
  // The rim.
  if (y > 0.4 && y < 0.48 && x > 0.1 && x < 0.9) return WHITE;
  // The bowl: the lower half of a disc, with holes in a grid.
  const cx = 0.5, cy = 0.44, R = 0.36;
  if (y >= 0.44 && Math.hypot(x - cx, y - cy) < R) {
    const gx = (x - 0.5) / 0.12, gy = (y - 0.58) / 0.12;
    const dx = gx - Math.round(gx), dy = gy - Math.round(gy);
    const inner = Math.hypot(x - cx, y - cy) < R - 0.06 && y > 0.52;
    if (inner && Math.hypot(dx, dy) < 0.28) return TEAL;
    return WHITE;
  }
  return TEAL;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** The icon as PNG bytes (RGBA, `size` × `size`). */
export function iconPng(size) {
  const N = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const c = colourAt((px + (sx + 0.5) / N) / size, (py + (sy + 0.5) / N) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((255 * a) / (N * N));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const ICON_SIZES = [16, 32, 48, 128];
