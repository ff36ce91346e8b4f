/**
 * Starts Azurite (blob + table) on 127.0.0.1 with OS-assigned ports and a temp --location, and
 * stops it again. Azurite is started directly from node_modules (not through npx, which would
 * leave the real process behind) and needs two SIGTERMs to exit (toolchain.md §5).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  blobEndpoint: string;
  tableEndpoint: string;
  connectionString: string;
  pid: number;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '../../../..');

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

export async function startAzurite(timeoutMs = 20000): Promise<Azurite> {
  const location = mkdtempSync(join(tmpdir(), 'mfa-azurite-'));
  const bin = join(ROOT, 'node_modules', 'azurite', 'dist', 'src', 'azurite.js');
  const child = spawn(
    process.execPath,
    [bin, '--silent', '--location', location, '--blobHost', '127.0.0.1', '--blobPort', '0', '--tableHost', '127.0.0.1', '--tablePort', '0', '--queueHost', '127.0.0.1', '--queuePort', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const ports: { blob?: number; table?: number } = {};
  let output = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // The first SIGTERM closes the servers, the second ends the process.
      const t = setTimeout(() => child.kill('SIGTERM'), 300);
      const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
      await waitForExit(child);
      clearTimeout(t);
      clearTimeout(hard);
    }
    rmSync(location, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`azurite did not start within ${timeoutMs} ms: ${output.slice(-500)}`)), timeoutMs);
      const onData = (d: Buffer) => {
        output += d.toString();
        for (const m of output.matchAll(/Azurite (Blob|Table) service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/g)) {
          ports[m[1] === 'Blob' ? 'blob' : 'table'] = Number(m[2]);
        }
        if (ports.blob && ports.table) {
          clearTimeout(timer);
          resolveReady();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`azurite exited with ${code}: ${output.slice(-500)}`));
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }
  const blobEndpoint = `http://127.0.0.1:${ports.blob}/devstoreaccount1`;
  const tableEndpoint = `http://127.0.0.1:${ports.table}/devstoreaccount1`;
  return {
    blobEndpoint,
    tableEndpoint,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=${blobEndpoint};TableEndpoint=${tableEndpoint};`,
    pid: child.pid ?? -1,
    stop,
  };
}

/** Starts Azurite, or explains why not (the suite then skips with that message). */
export async function tryStartAzurite(): Promise<{ azurite?: Azurite; reason?: string }> {
  try {
    return { azurite: await startAzurite() };
  } catch (e) {
    return { reason: e instanceof Error ? e.message : String(e) };
  }
}
