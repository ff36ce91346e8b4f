#!/usr/bin/env node
// Installs Debian's `chromium` package once, before the test run, when it is missing (the e2e tests
// drive it with playwright-core, which cannot download a browser here). Needs root and apt-get; when
// either is missing it only says so, and the e2e tests explain what to do.
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
if (candidates.some((p) => existsSync(p))) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  process.stderr.write('chromium is not installed and this user is not root: run `sudo apt-get install -y chromium` for the e2e tests\n');
  process.exit(0);
}
const apt = (args) =>
  execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 10 * 60 * 1000,
  });
const started = Date.now();
process.stdout.write("installing Debian's chromium package for the e2e tests...\n");
try {
  apt(['update', '-q']);
  apt(['install', '-y', '-q', 'chromium']);
} catch (e) {
  process.stderr.write(`could not install chromium (${e && e.message}); the e2e tests will fail with instructions\n`);
  process.exit(0);
}
process.stdout.write(`chromium installed in ${Math.round((Date.now() - started) / 1000)} s\n`);
