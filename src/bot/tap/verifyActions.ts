/**
 * Buttons of the verification ladder: the approver's "I called this number and it was them" and
 * "Ask the manager to confirm" on the channel card, and the manager's answer (with their own
 * token) on their 1:1 card. The backend records the evidence; these handlers only carry proofs.
 */
import type { TurnContext } from 'botbuilder';
import { renderManagerConfirmCard } from '../../cards/managerConfirmCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import type { VerbData } from '../../cards/verbs';
import { fill } from '../../i18n/en';
import { AppError, describeError } from '../../shared/errors';
import { card, clickerOf, load, refusalText, viewFor } from './actions';
import type { TapKit } from './kit';
import { cardActivity, managerCardFacts, personalReferenceOf } from './messages';
import { asRefusal } from './verification';
import { isOpen } from './view';

async function approverCard(kit: TapKit, ctx: TurnContext, requestId: string, work: (args: { r: NonNullable<Awaited<ReturnType<typeof load>>>['r'] }) => Promise<string | undefined>): Promise<AdaptiveCard> {
  const found = await load(kit, requestId);
  if (!found) throw new AppError('not_found', 'there is no such pass request', { expected: true });
  const view = await viewFor(kit, ctx, found.r, 'approver');
  if (view !== 'approver' || !isOpen(found.r)) return card(kit, ctx, found.r, found.t, view, kit.cards.strings.tap.refusals.not_approver);
  const notice = await work({ r: found.r });
  const now = (await load(kit, requestId)) ?? found;
  return card(kit, ctx, now.r, now.t, await viewFor(kit, ctx, now.r, 'approver'), notice);
}

export async function onTapCallbackConfirm(kit: TapKit, ctx: TurnContext, d: VerbData<'tapCallbackConfirm'>): Promise<AdaptiveCard> {
  return approverCard(kit, ctx, d.requestId, async () => {
    const confirm = kit.backend.confirmCallback;
    if (!confirm) return kit.cards.strings.tap.verification.unavailable;
    // The approver's own sign-in, carried to the backend as the proof of who confirmed.
    const approverToken = await kit.proof.require(ctx);
    try {
      await confirm({ requestId: d.requestId, approverId: clickerOf(ctx).aadObjectId, approverToken, numberEnding: d.numberEnding });
      return kit.cards.strings.tap.verification.callbackDone;
    } catch (e) {
      const out = asRefusal(e);
      return out.ok ? undefined : refusalText(kit, out);
    }
  });
}

/** Sends "Did <name> ask for a pass?" to the directory manager's 1:1 chat; installs the app for them when it can. */
export async function onTapManagerAsk(kit: TapKit, ctx: TurnContext, d: VerbData<'tapManagerAsk'>): Promise<AdaptiveCard> {
  const v = kit.cards.strings.tap.verification;
  return approverCard(kit, ctx, d.requestId, async ({ r }) => {
    const status = kit.backend.verificationStatus ? await kit.backend.verificationStatus({ requestId: r.id }) : undefined;
    const manager = status?.manager;
    if (!manager) return v.managerMissing;
    const name = manager.displayName ?? manager.id;
    const found = await personalReferenceOf(kit, r.tenantId, manager.id);
    if (found) {
      const managerCard = renderManagerConfirmCard(kit.cards, { requestId: r.id, employeeName: r.requester.displayName, facts: managerCardFacts(kit, r) });
      await kit.messenger.send(found.reference, cardActivity(managerCard));
      await kit.audit({ action: 'verification.manager_asked', actor: clickerOf(ctx).aadObjectId, subject: r.requester.aadObjectId, details: { requestId: r.id, managerId: manager.id } });
      return fill(v.managerAsked, { name });
    }
    if (kit.backend.campaignInstall) {
      try {
        const installed = await kit.backend.campaignInstall({ userId: manager.id });
        if (installed.outcome !== 'forbidden') return fill(v.managerInstalled, { name });
      } catch (e) {
        kit.log.warn({ requestId: r.id, err: describeError(e) }, 'installing the assistant for the manager failed');
      }
    }
    return fill(v.managerUnreachable, { name });
  });
}
