/**
 * Transpiles the TypeScript a child process needs into a temp dir (same relative layout), so the
 * crash test can run the real runner in a real process it can SIGKILL. ts-jest only transforms
 * inside Jest, and no ts-node-like loader is installed; transpileModule takes well under a second.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Returns the path of the compiled `entry` (a .ts path relative to the repo root). */
export function compileForChild(outDir: string, dirs: string[], entry: string): string {
  const files = [...dirs.flatMap((d) => tsFiles(join(ROOT, d))), join(ROOT, entry)];
  for (const file of files) {
    const out = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const target = join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.outputText);
  }
  return join(outDir, entry).replace(/\.ts$/, '.js');
}

export const NODE_MODULES = join(ROOT, 'node_modules');
