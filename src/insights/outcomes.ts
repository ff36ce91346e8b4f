/**
 * How a rescue ended, as audit records the insights are computed from (one source of truth, the
 * hash-chained trail): `flow.diagnosed` when the findings are shown, `flow.outcome` when the
 * employee says it worked or asks the helpdesk. Passes, device removals and tickets are already
 * audited by the services that perform them; `src/insights/compute.ts` joins them by employee.
 */
import type { Clock } from '../shared/clock';
import { describeError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { AuditLog } from '../storage/types';

/** The log message of every rescue event (telemetry name queried by the workbook). */
export const RESCUE_EVENT = 'rescue event';

export const OUTCOMES = ['fixed', 'fixed_after_cleanup', 'escalated', 'pass_issued', 'abandoned'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface FlowEvent {
  flowId: string;
  user: string;
  codes: string[];
  /** When the flow started (the employee's first message of it). */
  startedAt: string;
}

export interface OutcomeRecorder {
  diagnosed(e: FlowEvent): Promise<void>;
  ended(e: FlowEvent & { outcome: Exclude<Outcome, 'pass_issued' | 'abandoned'> }): Promise<void>;
}

/** Records into the audit trail; a failed write is logged and never breaks the conversation. */
export function createOutcomeRecorder(audit: AuditLog | undefined, clock: Clock, logger: Logger): OutcomeRecorder {
  const write = async (action: string, e: FlowEvent, extra: Record<string, unknown> = {}) => {
    // Telemetry (Application Insights workbook, infra/workbooks): the same event, as a log line.
    const minutes = Math.round(((clock.now().getTime() - Date.parse(e.startedAt)) / 60000) * 10) / 10;
    logger.info({ action, flowId: e.flowId, rootCause: e.codes[0] ?? null, minutes, ...extra }, RESCUE_EVENT);
    if (!audit) return;
    try {
      await audit.append({ at: clock.now().toISOString(), action, actor: e.user, subject: e.user, details: { flowId: e.flowId, codes: e.codes, startedAt: e.startedAt, ...extra } });
    } catch (err) {
      logger.error({ action, flowId: e.flowId, err: describeError(err) }, 'outcome not recorded');
    }
  };
  return {
    diagnosed: (e) => write('flow.diagnosed', e),
    ended: (e) => write('flow.outcome', e, { outcome: e.outcome }),
  };
}
