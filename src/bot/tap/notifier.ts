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
import { askManager, syncChannelCard, tellEmployee } from './messages';
import { deliverPass, redactPass } from './passMessage';
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
      const s = kit.cards.strings.tap;
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
          // The approver's words reach the employee inert (no live links), length-limited.
          const reason = note ? fill(s.deniedReason, { reason: inertText(note) }) : '';
          await step('channel', () => syncOrQueue(kit, r, thread));
          await step('employee', () => tellEmployee(kit, r, thread, s.deniedTitle, fill(s.deniedText, { reason })));
          return;
        }
        case 'expired':
          await step('channel', () => syncOrQueue(kit, r, thread));
          await step('employee', () => tellEmployee(kit, r, thread, s.expiredTitle, s.expiredText));
          return;
        case 'failed':
          await step('channel', () => syncOrQueue(kit, r, thread));
          await step('employee', () => tellEmployee(kit, r, thread, s.failedTitle, s.failedText));
          return;
        case 'ready_for_delivery':
          await step('channel', () => syncOrQueue(kit, r, thread));
          await step('deliver', () => deliverPass(kit, r.id));
          return;
        case 'redaction_due':
          await step('redact', () => redactPass(kit, r.id, notice.reason === 'used_or_removed' ? 'used_or_removed' : 'expired'));
          await step('channel', async () => syncChannelCard(kit, (await kit.service().get(r.id)) ?? r, thread));
          if (notice.reason !== 'expired') await step('watch', () => watchAfterUse(kit, r.id));
          return;
        case 'revoked':
          await step('redact', () => redactPass(kit, r.id, 'revoked'));
          await step('channel', async () => syncChannelCard(kit, (await kit.service().get(r.id)) ?? r, thread));
          await step('employee', () => tellEmployee(kit, r, thread, s.revokedTitle, s.revokedText));
          return;
      }
    },
  };
}
