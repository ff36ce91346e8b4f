/**
 * Findings as a helpdesk agent reads them: third person ("the employee's old phone"), with who
 * must act, the cause to verify (policy, IPv6 against IPv4-only) and an admin fix spelled out.
 */
import { FINDING_CATALOG } from '../diagnosis/catalog';
import { actorOf } from '../diagnosis/actor';
import { FINDING_CODES, type FindingCode } from '../diagnosis/types';
import type { Strings } from '../i18n/en';
import { agentFixLine, causeLine } from './cause';

export interface AgentFinding {
  code: string;
  severity?: string;
  title?: string;
  evidence: Record<string, unknown>;
}

const isCode = (c: string): c is FindingCode => (FINDING_CODES as readonly string[]).includes(c);

/** The third-person summary of a finding (the employee's own title only when there is none). */
export function agentTitle(s: Strings, f: AgentFinding): string {
  return s.advice.agentTitles[f.code] ?? f.title ?? f.code;
}

/** Lines for one finding: "Blocked: <summary>", then who acts, the cause and an admin fix when known. */
export function agentFindingLines(s: Strings, findings: AgentFinding[], formatTime: (iso: string) => string): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    const status = f.severity === 'blocking' || f.severity === 'warning' || f.severity === 'info' ? s.status[f.severity] : f.severity;
    lines.push(`${status ? `${status}: ` : ''}${agentTitle(s, f)}`);
    if (f.severity === 'info') continue;
    const input = { code: f.code, evidence: f.evidence, ...(isCode(f.code) ? { fix: FINDING_CATALOG[f.code].fix } : {}) };
    const who = s.advice.agentActor[actorOf(input)];
    if (who) lines.push(who);
    const cause = causeLine(s, input, formatTime);
    if (cause) lines.push(cause);
    const fix = agentFixLine(s, input);
    if (fix) lines.push(fix);
  }
  return lines;
}
