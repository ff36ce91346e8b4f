/**
 * Ordering (findings.md): blocking before warning before info; within a severity the most direct
 * evidence first (account state, then a recent sign-in code that names the cause — newest first —
 * then direct observations, then policies that merely could apply); then a fixed code priority.
 * Also turns drafts into public Findings with the catalog and the locale strings.
 */
import { CODE_PRIORITY, FINDING_CATALOG, severityOf, type Draft } from './catalog';
import type { DiagnosisStrings } from './strings/en';
import type { Finding, Severity } from './types';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { blocking: 0, warning: 1, info: 2 };
const PRIORITY = new Map(CODE_PRIORITY.map((c, i) => [c, i]));

export function compareDrafts(a: Draft, b: Draft): number {
  const sev = SEVERITY_RANK[severityOf(a)] - SEVERITY_RANK[severityOf(b)];
  if (sev !== 0) return sev;
  if (a.directness !== b.directness) return a.directness - b.directness;
  if (a.directness === 1 && a.at !== undefined && b.at !== undefined && a.at !== b.at) return b.at - a.at;
  return (PRIORITY.get(a.code) ?? 99) - (PRIORITY.get(b.code) ?? 99);
}

export function orderDrafts(drafts: readonly Draft[]): Draft[] {
  return [...drafts].sort(compareDrafts);
}

export function toFinding(draft: Draft, strings: DiagnosisStrings): Finding {
  const entry = FINDING_CATALOG[draft.code];
  const text = strings[draft.code];
  const vars = draft.vars ?? {};
  const words = { title: text.title(vars), steps: text.steps(vars) };
  const data = Object.entries(vars).filter((e): e is [string, string | number | boolean] => e[1] !== undefined);
  return { code: draft.code, severity: severityOf(draft), fix: entry.fix, evidence: draft.evidence, ...words, ...(data.length ? { vars: Object.fromEntries(data) } : {}) };
}
