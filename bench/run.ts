/**
 * Runs every bench/*.bench.ts module (compiled to dist/bench/*.bench.js) by calling its exported
 * `run()`, one after another. `npm run bench` builds first. Pass names to run a subset:
 * `node dist/bench/run.js diagnose`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface BenchModule {
  run: () => Promise<unknown>;
}

function isBench(m: unknown): m is BenchModule {
  return typeof m === 'object' && m !== null && typeof (m as { run?: unknown }).run === 'function';
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  if (files.length === 0) {
    process.stderr.write('no benchmarks found\n');
    return 1;
  }
  let failed = 0;
  for (const file of files) {
    process.stdout.write(`\n== ${file.replace(/\.bench\.js$/, '')} ==\n`);
    const started = Date.now();
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod: unknown = require(join(__dirname, file));
      if (!isBench(mod)) throw new Error('module does not export run()');
      await mod.run();
      process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    } catch (e) {
      failed++;
      process.stderr.write(`${file} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
