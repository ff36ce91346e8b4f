/** The Teams icon rules: color 192×192; outline 32×32, white on transparent (Teams tints it). */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodePng } from './support';

const DIR = resolve(__dirname, '../../../appPackage');

describe('app icons', () => {
  it('the color icon is a 192×192 PNG with a visible, opaque tile', () => {
    const png = decodePng(readFileSync(join(DIR, 'color.png')));
    expect([png.width, png.height]).toEqual([192, 192]);
    let opaque = 0;
    for (let i = 3; i < png.pixels.length; i += 4) if (png.pixels[i] === 255) opaque++;
    expect(opaque / (192 * 192)).toBeGreaterThan(0.5);
  });

  it('the outline icon is a 32×32 PNG whose every visible pixel is white and whose background is transparent', () => {
    const png = decodePng(readFileSync(join(DIR, 'outline.png')));
    expect([png.width, png.height]).toEqual([32, 32]);
    let visible = 0;
    const offenders: number[] = [];
    for (let i = 0; i < png.pixels.length; i += 4) {
      const [r, g, b, a] = [png.pixels[i], png.pixels[i + 1], png.pixels[i + 2], png.pixels[i + 3]];
      if (a === 0) continue;
      visible++;
      if (r !== 255 || g !== 255 || b !== 255) offenders.push(i / 4);
    }
    expect(offenders).toEqual([]);
    expect(visible).toBeGreaterThan(20); // something is drawn
    expect(png.pixels[3]).toBe(0); // the corner is transparent
  });
});
