/**
 * The README is true in a clone: every link points inside the repository at a file that exists,
 * no path leaves the repository, the Node versions it states are the ones package.json's engines
 * admit, and the ports it names are the config defaults.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../../src/config';

const ROOT = resolve(__dirname, '../../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README.md in a fresh clone', () => {
  it('links only to files inside the repository, and they exist', () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)|src="([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? '');
    expect(links.length).toBeGreaterThan(5);
    const outside = links.filter((l) => /^[a-z]+:/i.test(l) || l.startsWith('/') || l.startsWith('..'));
    expect(outside).toEqual([]);
    const missing = links.map((l) => l.split('#')[0] ?? '').filter((l) => l !== '' && !existsSync(join(ROOT, l)));
    expect(missing).toEqual([]);
    expect(readme).not.toMatch(/\.\.\/shared|\/work\//);
  });

  it('states the Node versions package.json admits', () => {
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe('>=20.19 <21 || >=22');
    expect(readme).toContain('Node 20.19+ (20.x) and Node 22 or later');
  });

  it('names the default ports and the keys that change them', () => {
    const c = loadConfig({ APP_MODE: 'local' });
    for (const [port, key] of [[c.bot.port, 'PORT'], [c.backend.port, 'BACKEND_PORT'], [c.simulator.playgroundPort, 'PLAYGROUND_PORT']] as const) {
      expect(readme).toContain(`${port} (`);
      expect(readme).toContain(`\`${key}\``);
    }
  });
});
