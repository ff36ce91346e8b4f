/**
 * The message catalogues: one ICU MessageFormat JSON file per locale in locales/ (a translation is
 * a file, never a code change). en.json is complete by definition; any other file may miss keys,
 * which then fall back to English one key at a time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { directionOf, negotiate } from './negotiate';
import type { CatalogueTree, Strings } from './strings';

export const BASE_LOCALE = 'en';

const TreeSchema: z.ZodType<CatalogueTree> = z.lazy(() => z.record(z.union([z.string(), z.array(z.string()), TreeSchema])));

export interface Catalogues {
  /** File names without `.json`, e.g. `en`, `de`, `pt-BR`, `zh-Hans`; `en` first. */
  readonly locales: readonly string[];
  /** The raw tree of one file (for the checks in tests and tools). */
  tree(locale: string): CatalogueTree | undefined;
  /** The strings of `locale` (English for any key it lacks); English for an unknown locale. */
  strings(locale: string): Strings;
  /** The catalogue that serves a requested tag, or undefined. */
  negotiate(requested: string | undefined): string | undefined;
}

/**
 * locales/ lives at the repo root (next to package.json); this file runs from src/i18n or
 * dist/src/i18n (where tsc may also have copied en.json alone, so the repo root wins).
 */
export function defaultLocalesDir(): string {
  const candidates = [path.resolve(__dirname, '..', '..', 'locales'), path.resolve(__dirname, '..', '..', '..', 'locales')];
  const has = (d: string) => fs.existsSync(path.join(d, `${BASE_LOCALE}.json`));
  const found = candidates.find((d) => has(d) && fs.existsSync(path.join(d, '..', 'package.json'))) ?? candidates.find(has);
  return found ?? candidates[0] ?? 'locales';
}

/** Keeps `base`'s shape; takes `over`'s value where it has one of the same kind. */
export function mergeTree(base: CatalogueTree, over: CatalogueTree | undefined): CatalogueTree {
  if (!over) return base;
  const out: CatalogueTree = {};
  for (const [key, value] of Object.entries(base)) {
    const theirs = over[key];
    if (typeof value === 'string') out[key] = typeof theirs === 'string' && theirs.trim() ? theirs : value;
    else if (Array.isArray(value)) out[key] = Array.isArray(theirs) && theirs.length > 0 ? theirs : value;
    else out[key] = mergeTree(value, theirs && typeof theirs === 'object' && !Array.isArray(theirs) ? theirs : undefined);
  }
  return out;
}

function readTree(file: string): CatalogueTree {
  const parsed = TreeSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${path.basename(file)} is not a message catalogue: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export function loadCatalogues(dir: string = defaultLocalesDir()): Catalogues {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
  if (!files.includes(BASE_LOCALE)) throw new Error(`${dir} has no ${BASE_LOCALE}.json`);
  const locales = [BASE_LOCALE, ...files.filter((l) => l !== BASE_LOCALE).sort()];
  const trees = new Map(locales.map((l) => [l, readTree(path.join(dir, `${l}.json`))]));
  const base = trees.get(BASE_LOCALE) ?? {};
  const built = new Map<string, Strings>();
  return {
    locales,
    tree: (locale) => trees.get(locale),
    strings(locale) {
      const known = trees.has(locale) ? locale : BASE_LOCALE;
      let s = built.get(known);
      if (!s) {
        // The tree has en.json's shape by construction (mergeTree keeps base's keys and kinds).
        s = mergeTree(base, known === BASE_LOCALE ? undefined : trees.get(known)) as unknown as Strings;
        built.set(known, s);
      }
      return s;
    },
    negotiate: (requested) => negotiate(requested, locales),
  };
}

let shared: Catalogues | undefined;
/** The catalogues of the repo's locales/ folder, read once on first use. */
export function catalogues(): Catalogues {
  shared ??= loadCatalogues();
  return shared;
}

export { directionOf };
