/**
 * "Did it stay fixed?" in the insights: `flow.follow_up_asked` (the question went out, with what
 * Graph said about the employee's registration then) and `flow.follow_up` (the answer, with the
 * registration Graph confirmed when it came), per rescue, for the rescues in the window.
 */
import type { AuditRecord } from '../storage/types';

export const FOLLOW_UP_ANSWERS = ['stayed_fixed', 'broke_again'] as const;
export type FollowUpAnswer = (typeof FOLLOW_UP_ANSWERS)[number];

export interface StayedFixed {
  asked: number;
  answered: number;
  stayed: number;
  brokeAgain: number;
  /** Follow-ups whose registration Graph confirmed (MFA-registered, a usable method). */
  registrationConfirmed: number;
  /** stayed / answered. */
  rate: number | null;
  /** registrationConfirmed / asked. */
  confirmedRate: number | null;
}

interface One {
  asked: boolean;
  answer?: FollowUpAnswer;
  registered?: boolean;
}

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

export function createFollowUpTally() {
  const byFlow = new Map<string, One>();
  return {
    /** True when the record is a follow-up record. */
    add(r: AuditRecord): boolean {
      if (r.action !== 'flow.follow_up_asked' && r.action !== 'flow.follow_up') return false;
      const d = r.details ?? {};
      const flowId = typeof d.flowId === 'string' ? d.flowId : undefined;
      if (!flowId) return true;
      const one = byFlow.get(flowId) ?? { asked: false };
      if (r.action === 'flow.follow_up_asked') one.asked = true;
      else if (typeof d.answer === 'string' && (FOLLOW_UP_ANSWERS as readonly string[]).includes(d.answer)) one.answer = d.answer as FollowUpAnswer;
      if (typeof d.registered === 'boolean') one.registered = d.registered;
      byFlow.set(flowId, one);
      return true;
    },
    result(flows: Set<string>): StayedFixed {
      let asked = 0;
      let stayed = 0;
      let brokeAgain = 0;
      let confirmed = 0;
      for (const [flowId, one] of byFlow) {
        if (!flows.has(flowId) || !(one.asked || one.answer)) continue;
        asked++;
        if (one.answer === 'stayed_fixed') stayed++;
        if (one.answer === 'broke_again') brokeAgain++;
        if (one.registered === true) confirmed++;
      }
      const answered = stayed + brokeAgain;
      return { asked, answered, stayed, brokeAgain, registrationConfirmed: confirmed, rate: ratio(stayed, answered), confirmedRate: ratio(confirmed, asked) };
    },
  };
}
