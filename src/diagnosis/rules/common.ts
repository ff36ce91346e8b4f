/** Small helpers shared by the rule modules. */
import type { Draft } from '../catalog';
import { signInEvidence, type DiagnosisContext, type SignInFact } from '../context';
import type { FindingCode } from '../types';

export type Rule = (ctx: DiagnosisContext) => Draft[];

/** Evidence lists are capped so a noisy log cannot bloat a card. */
export const MAX_EVIDENCE_ITEMS = 5;

export function fedSignIns(ctx: DiagnosisContext, code: FindingCode): SignInFact[] {
  return ctx.byFinding.get(code) ?? [];
}

export function signInList(list: SignInFact[]): Array<Record<string, unknown>> {
  return list.slice(0, MAX_EVIDENCE_ITEMS).map(signInEvidence);
}

/** A draft raised purely by recent sign-ins whose error code feeds `code`; undefined when none. */
export function signInDraft(ctx: DiagnosisContext, code: FindingCode, extra: Record<string, unknown> = {}): Draft | undefined {
  const list = fedSignIns(ctx, code);
  const newest = list[0];
  if (!newest) return undefined;
  return {
    code,
    directness: 1,
    at: newest.at,
    evidence: { errorCodes: [...new Set(list.map((s) => s.raw.status.errorCode))], signIns: signInList(list), count: list.length, ...extra },
  };
}

export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
