/** The default loopback TLS material: .data/dev-tls/{cert,key}.pem at the repository root. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function findRepoRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
}

export function defaultTls(): { cert: string; key: string } {
  const dir = join(findRepoRoot(), '.data', 'dev-tls');
  try {
    return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
  } catch {
    throw new Error(`loopback TLS certificate missing in ${dir}: run "node scripts/ensure-dev-cert.js" (npm run certs)`);
  }
}
