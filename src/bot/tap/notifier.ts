/**
 * The bot's ApprovalNotifier: every state change of a request shows up where people look: the
 * channel card (updated in place), the employee's chat (kind words; the pass only there), the
 * manager's chat. The approval service logs a failure here and never undoes a decision for it.
 */
import type { ApprovalNotice, ApprovalNotifier } from '../../approvals/ports';
import { fill } from '../../i18n/en';
import { describeError } from '../../shared/errors';
import type { TapKit } from './kit';
import { syncOrQueue } from '../helpdesk/postRetry';
import { asEmployee, askManager, syncChannelCard, tellEmployee } from './messages';
import { deliverPass, redactPass } from './passMessage';
import { SHADOW_FAILURE } from './view';
import { watchAfterUse } from './watch';
import { askEmployee } from './controls';
import { inertText } from '../../shared/inertText';

export function createTapNotifier(kit: TapKit): ApprovalNotifier {
  return {
    async notify(notice: ApprovalNotice): Promise<void> {
      const r = notice.request;
      const t = await kit.threads.get(r.correlationId);
      if (!t) {
        kit.log.warn({ requestId: r.id, kind: notice.kind }, 'approval notice for a request the bot did not file; ignored');
        return;
      }
      const note = 'note' in notice ? notice.note : undefined;
      const log = kit.log.child({ requestId: r.id, kind: notice.kind });
      const step = async (what: string, work: () => Promise<unknown>) => {
        try {
          await work();
        } catch (e) {
          log.warn({ step: what, err: describeError(e) }, 'approval notice step failed');
        }
      };
      let thread = t.requestId ? t : ((await kit.threads.update(t.reference, (x) => ({ ...x, requestId: r.id }))) ?? t);
      switch (notice.kind) {
        case 'awaiting_manager':
          await step('manager', async () => (thread = await askManager(kit, r, thread)));
          await step('channel', () => syncOrQueue(kit, r, thread));
          return;
        case 'requested':
        case 'delivered':
        case 'cancelled':
          await step('channel', () => syncOrQueue(kit, r, thread));
          return;
        case 'info_requested':
          await step('channel', () => syncOrQueue(kit, r, thread));
          await step('employee', () => askEmployee(kit, r, thread, note ?? ''));
          return;
        case 'denied': {
          await step('channel', () => syncOrQueue(kit, r, thread));
          // The approver's words reach the employee inert (no live links), length-limited.
          await step('employee', () => tellEmployee(kit, r, thread, (s) => ({ title: s.deniedTitle, text: fill(s.deniedText, { reason: note ? fill(s.deniedReason, { reason: inertText(note) }) : '' }) })));
          return;
        }
        case 'expired':
          await step('channel', () => syncOrQueue(kit, r, thread));
          await step('employee', () => tellEmployee(kit, r, thread, (s) => ({ title: s.expiredTitle, text: s.expiredText })));
          return;
        case 'failed':
          await step('channel', () => syncOrQueue(kit, r, thread));
          if (r.failure?.code === SHADOW_FAILURE) await step('employee', () => tellEmployee(kit, r, thread, (s) => ({ title: s.shadowTitle, text: s.shadowText })));
          else await step('employee', () => tellEmployee(kit, r, thread, (s) => ({ title: s.failedTitle, text: s.failedText })));
          return;
        case 'ready_for_delivery':
          await step('channel', () => syncOrQueue(kit, r, thread));
          await step('deliver', () => asEmployee(kit, thread, () => deliverPass(kit, r.id)));
          return;
        case 'redaction_due':
          await step('redact', () => asEmployee(kit, thread, () => redactPass(kit, r.id, notice.reason === 'used_or_removed' ? 'used_or_removed' : 'expired')));
          await step('channel', async () => syncChannelCard(kit, (await kit.service().get(r.id)) ?? r, thread));
          if (notice.reason !== 'expired') await step('watch', () => asEmployee(kit, thread, () => watchAfterUse(kit, r.id)));
          return;
        case 'revoked':
          await step('redact', () => asEmployee(kit, thread, () => redactPass(kit, r.id, 'revoked')));
          await step('channel', async () => syncChannelCard(kit, (await kit.service().get(r.id)) ?? r, thread));
          await step('employee', () => tellEmployee(kit, r, thread, (s) => ({ title: s.revokedTitle, text: s.revokedText })));
          return;
      }
    },
  };
}
