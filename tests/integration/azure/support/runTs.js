// Runs a TypeScript entry point of the project (argv[2]) in this process, transpiling on the fly,
// so a test can start the real composition root (src/index.ts) as a child process without a build.
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

require(path.resolve(process.argv[2]));
