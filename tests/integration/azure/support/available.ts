/**
 * Whether Azurite can run here, decided synchronously at module load so a suite can be skipped
 * with a clear message (jest cannot skip at run time). Only "not installed / cannot execute"
 * skips; a runnable Azurite that then fails to start fails the tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function azuriteUnavailableReason(): string | undefined {
  const bin = join(resolve(__dirname, '../../../..'), 'node_modules', 'azurite', 'dist', 'src', 'azurite.js');
  if (!existsSync(bin)) return `azurite is not installed (${bin} missing)`;
  const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', timeout: 15000 });
  if (r.status !== 0) return `azurite cannot run: ${(r.stderr || r.stdout || String(r.error)).slice(0, 300)}`;
  return undefined;
}

/** `describe`, or `describe.skip` after printing why Azurite tests cannot run on this machine. */
export function describeWithAzurite(name: string, body: () => void): void {
  const reason = azuriteUnavailableReason();
  if (reason) {
    process.stderr.write(`SKIPPED "${name}": ${reason}\n`);
    describe.skip(name, body);
  } else {
    describe(name, body);
  }
}
