/** The readable report of `diagnose` (without --json): root cause first, evidence, steps. */
import type { DiagnoseResponse } from '../backend/api';

const MAX_VALUE = 240;

function value(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? String(v) : s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

function finding(lines: string[], f: DiagnoseResponse['findings'][number], n: number, indent: string): void {
  lines.push(`${indent}${n}. [${f.severity.toUpperCase()}] ${f.code}: ${f.title}`);
  lines.push(`${indent}   Who fixes it: ${f.fix}`);
  const evidence = Object.entries(f.evidence);
  if (evidence.length > 0) {
    lines.push(`${indent}   Evidence:`);
    for (const [k, v] of evidence) lines.push(`${indent}     - ${k}: ${value(v)}`);
  }
  if (f.steps.length > 0) {
    lines.push(`${indent}   Steps:`);
    f.steps.forEach((s, i) => lines.push(`${indent}     ${i + 1}) ${s}`));
  }
}

export function formatReport(r: DiagnoseResponse): string {
  const lines: string[] = [];
  const who = [r.user.displayName, r.user.userPrincipalName ? `<${r.user.userPrincipalName}>` : undefined].filter(Boolean).join(' ');
  lines.push(`Diagnosis for ${who || r.user.id} (id ${r.user.id}) as of ${r.diagnosedAt}`);
  lines.push('');
  const [first, ...rest] = r.findings;
  if (!first) {
    lines.push('No findings: nothing in the directory explains an enrollment failure.');
  } else {
    lines.push('Most likely root cause:');
    finding(lines, first, 1, '  ');
    if (rest.length > 0) {
      lines.push('');
      lines.push('Other findings:');
      rest.forEach((f, i) => finding(lines, f, i + 2, '  '));
    }
  }
  if (r.gaps.length > 0) {
    lines.push('');
    lines.push('Evidence NOT available (the diagnosis is less certain):');
    for (const g of r.gaps) lines.push(`  - ${g.source}: ${g.reason} (${g.status} ${g.code})`);
  }
  lines.push('');
  lines.push(`Graph: ${r.graph.requests} requests in ${r.graph.roundTrips} round trip(s)`);
  return `${lines.join('\n')}\n`;
}
