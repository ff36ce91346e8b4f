// Child process for the multi-process race test: opens the SQLite store at argv[2] through the
// project's real TypeScript code (transpiled on the fly) and performs argv[3] read-modify-write
// increments of contract/counter with ifMatch, retrying on ConflictError. Prints a JSON summary.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

require.extensions['.ts'] = (m, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: filename,
  });
  m._compile(out.outputText, filename);
};

const root = path.resolve(__dirname, '../../../..');
const { openSqliteStore } = require(path.join(root, 'src/storage/sqlite/sqliteStore.ts'));
const { ConflictError } = require(path.join(root, 'src/storage/types.ts'));

async function main() {
  const [file, countArg] = process.argv.slice(2);
  const store = openSqliteStore(file, { busyTimeoutMs: 10000 });
  let conflicts = 0;
  // Barrier: say ready, then wait for the parent's "go" on stdin so all processes race together.
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  for (let i = 0; i < Number(countArg); i++) {
    for (;;) {
      const cur = await store.get('contract', 'counter');
      try {
        await store.put('contract', 'counter', { n: cur.value.n + 1 }, { ifMatch: cur.etag });
        break;
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        conflicts++;
      }
    }
  }
  store.close();
  process.stdout.write(JSON.stringify({ conflicts }) + '\n');
  process.stdin.destroy();
}
main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exit(1);
});
