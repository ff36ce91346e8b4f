/**
 * The runtime Azure runs is a supported Node.js LTS line that package.json's engines admit.
 * Release schedule (source: https://github.com/nodejs/Release#release-schedule, read 2026-12):
 * a line is usable from its LTS start until its end of life.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

const LTS_LINES: Record<number, { ltsFrom: string; endOfLife: string }> = {
  20: { ltsFrom: '2023-10-24', endOfLife: '2026-04-30' },
  22: { ltsFrom: '2024-10-29', endOfLife: '2027-04-30' },
  24: { ltsFrom: '2025-10-28', endOfLife: '2028-04-30' },
  26: { ltsFrom: '2026-10-20', endOfLife: '2029-04-30' },
};

/** Does an engines range like ">=20.19 <21 || >=22" admit `major.0.0` and later minors of it? */
function admits(range: string, major: number): boolean {
  return range.split('||').some((set) =>
    set
      .trim()
      .split(/\s+/)
      .every((cmp) => {
        const m = /^(>=|<=|>|<|=)?(\d+)(?:\.(\d+))?/.exec(cmp);
        if (!m) return false;
        const v = Number(m[2]);
        switch (m[1]) {
          case '>=':
            return major >= v;
          case '>':
            return major > v;
          case '<':
            return major < v;
          case '<=':
            return major <= v;
          default:
            return major === v;
        }
      }),
  );
}

describe('Node.js runtime of the deployment', () => {
  const bicep = read('infra/azure.bicep');
  const runtime = /param nodeRuntime string = 'NODE\|(\d+)-lts'/.exec(bicep);
  const major = Number(runtime?.[1]);

  it('the Bicep runs all three App Services (bot, backend, TAP issuer) on the nodeRuntime parameter, a NODE|<major>-lts value', () => {
    expect(runtime).not.toBeNull();
    expect(bicep.match(/linuxFxVersion: nodeRuntime/g)).toHaveLength(3);
    expect(bicep).not.toMatch(/linuxFxVersion: 'NODE/);
  });

  it('that line is an LTS that has started and has not reached end of life', () => {
    const line = LTS_LINES[major];
    expect(line).toBeDefined();
    const now = Date.now();
    expect(Date.parse(line?.ltsFrom ?? '')).toBeLessThanOrEqual(now);
    expect(Date.parse(line?.endOfLife ?? '')).toBeGreaterThan(now);
  });

  it("package.json's engines admit it (the runtime the README's commands run on here is admitted too)", () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    expect(admits(engines, major)).toBe(true);
    expect(admits(engines, Number(process.versions.node.split('.')[0]))).toBe(true);
  });
});
