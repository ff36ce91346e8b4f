/**
 * Headless Chromium for e2e tests: Debian's `chromium` package driven by playwright-core (which
 * cannot download its own browser here). When it is missing, it is installed once with apt-get
 * (needs root, non-interactive); without root or apt the error says what to do.
 *
 *   const browser = await launchChromium();   // in beforeAll, with a long timeout (install)
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Flags for a closed network and a root user (see shared/reference/toolchain.md §3). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Long enough for `apt-get update && apt-get install chromium` on a cold machine. */
export const CHROMIUM_INSTALL_TIMEOUT_MS = 10 * 60 * 1000;

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
let resolved: string | undefined;

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  return [fromEnv, ...CANDIDATES].find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
}

function apt(args: string[]): void {
  execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: CHROMIUM_INSTALL_TIMEOUT_MS,
  });
}

/** The Chromium executable, installing Debian's package first if needed (once per process). */
export function ensureChromium(): string {
  if (resolved) return resolved;
  const found = findChromium();
  if (found) return (resolved = found);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error('Chromium not found at /usr/bin/chromium and this user is not root: run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH).');
  }
  try {
    apt(['update', '-q']);
    apt(['install', '-y', '-q', 'chromium']);
  } catch (e) {
    const stderr = e instanceof Error && 'stderr' in e ? String((e as { stderr: unknown }).stderr).slice(-2000) : String(e);
    throw new Error(`Installing Debian's chromium package failed (apt-get update && apt-get install -y chromium):\n${stderr}`, { cause: e });
  }
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium, but no executable was found at /usr/bin/chromium');
  return (resolved = installed);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
}
