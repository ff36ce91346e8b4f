/**
 * axe-core in a Playwright page: injected through the DevTools protocol (so a page's strict CSP
 * does not block it), run against WCAG 2.2 AA only, and summarised so a failing test names each
 * rule, its impact and the elements it found.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe's tags; 2.2 has no new level-A rules in axe). */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** The impacts that fail a test; moderate and minor findings are counted and reported only. */
export const BLOCKING_IMPACTS = ['serious', 'critical'];

export interface Violation {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

let axeSource: string | undefined;

/** Runs axe over the whole document (or the part under `include`) and returns its violations. */
export async function runAxe(page: Page, include?: string): Promise<Violation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const run = `window.axe.run(${include ? JSON.stringify({ include: [include] }) : 'document'}, ${JSON.stringify({
    runOnly: { type: 'tag', values: WCAG_AA_TAGS },
    resultTypes: ['violations'],
  })}).then(function (r) {
    return { passed: r.passes.length, violations: r.violations.map(function (v) {
      return { rule: v.id, impact: v.impact || 'unknown', help: v.help, targets: v.nodes.map(function (n) { return String(n.target); }) };
    }) };
  })`;
  const result = (await page.evaluate(run)) as { passed: number; violations: Violation[] };
  // No rule passing means axe judged nothing (an empty page, or the run was blocked): not a pass.
  if (result.passed === 0) throw new Error('axe-core found no rule that applies: nothing was checked');
  return result.violations;
}

export const blocking = (vs: Violation[]): Violation[] => vs.filter((v) => BLOCKING_IMPACTS.includes(v.impact));

/** One line per violation: "where: rule (impact) help — first targets". */
export function describeViolations(where: string, vs: Violation[]): string[] {
  return vs.map((v) => `${where}: ${v.rule} (${v.impact}) ${v.help} — ${v.targets.slice(0, 3).join(' | ')}`);
}

/** Counts by impact, for the artifacts written next to the screenshots. */
export function countByImpact(vs: Violation[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of vs) out[v.impact] = (out[v.impact] ?? 0) + v.targets.length;
  return out;
}

/** Writes every violation found (all impacts) per place to test-artifacts/<name>.json. */
export function writeViolationReport(root: string, name: string, found: Record<string, Violation[]>): void {
  const dir = join(root, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  const summary = Object.fromEntries(Object.entries(found).map(([k, vs]) => [k, { byImpact: countByImpact(vs), rules: vs.map((v) => `${v.rule} (${v.impact})`) }]));
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(summary, null, 2)}\n`);
}
