/**
 * Checks a translation against the English catalogue: every key present (no extra ones), the
 * same placeholders in every message, and every message valid ICU MessageFormat. Used by the
 * catalogue test; a translator can run it on a new file before sending it.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { MESSAGE_OPTIONS } from './format';
import type { CatalogueTree } from './strings';

type Ast = ReturnType<IntlMessageFormat['getAst']>;

/** Dotted key → message (list items as `key.0`, `key.1`...). */
export function flatten(tree: CatalogueTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else if (Array.isArray(v)) v.forEach((item, i) => out.set(`${key}.${i}`, item));
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function collect(ast: Ast, names: Set<string>): void {
  for (const el of ast) {
    if ('value' in el && typeof el.value === 'string' && el.type >= 1 && el.type <= 6) names.add(el.value);
    if ('options' in el) for (const option of Object.values(el.options)) collect(option.value, names);
    if ('children' in el) collect(el.children, names);
  }
}

/** The argument names of one message; throws when it is not valid ICU MessageFormat. */
export function placeholders(message: string, locale = 'en'): Set<string> {
  const names = new Set<string>();
  collect(new IntlMessageFormat(message, locale, undefined, MESSAGE_OPTIONS).getAst(), names);
  return names;
}

/** What is wrong with `translation` compared with `base` (empty when nothing). */
export function checkCatalogue(base: CatalogueTree, translation: CatalogueTree, locale: string): string[] {
  const problems: string[] = [];
  const want = flatten(base);
  const have = flatten(translation);
  for (const [key, english] of want) {
    const message = have.get(key);
    if (message === undefined) {
      problems.push(`${locale}: missing ${key}`);
      continue;
    }
    let theirs: Set<string>;
    try {
      theirs = placeholders(message, locale);
    } catch (e) {
      problems.push(`${locale}: ${key} is not valid ICU MessageFormat (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    const ours = placeholders(english);
    for (const name of ours) if (!theirs.has(name)) problems.push(`${locale}: ${key} lacks the placeholder {${name}}`);
    for (const name of theirs) if (!ours.has(name)) problems.push(`${locale}: ${key} has an unknown placeholder {${name}}`);
  }
  for (const key of have.keys()) if (!want.has(key)) problems.push(`${locale}: unknown key ${key}`);
  return problems;
}
