/**
 * "Ask for Face Check" on the pass request card (approvers only): the backend starts a Verified ID
 * presentation with the approver's own token (it re-checks who may), the bot sends the employee a
 * Face Check card with the "Open in Microsoft Authenticator" link in their own 1:1 chat, and
 * maintenance refreshes the channel card once the backend recorded the result.
 */
import type { TurnContext } from 'botbuilder';
import type { ConversationReference } from 'botbuilder';
import { renderFaceCheckCard } from '../../cards/faceCheckCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import type { VerbData } from '../../cards/verbs';
import { fill } from '../../i18n/en';
import { describeError, isAppError } from '../../shared/errors';
import { card, clickerOf, gone, load, viewFor } from './actions';
import { faceCheckOf, saveFaceCheck, waitingFaceChecks } from './faceCheckRecords';
import type { TapKit } from './kit';
import { cardActivity, employeeReference, syncChannelCard } from './messages';
import { formatTime, isOpen } from './view';

/** How long after the link expired the bot still asks the backend for a late result. */
const LATE_RESULT_MS = 10 * 60_000;

function failureText(kit: TapKit, e: unknown): string {
  const s = kit.cards.strings;
  if (!isAppError(e)) return s.faceCheck.unavailable;
  const reason = typeof e.details.reason === 'string' ? e.details.reason : undefined;
  if (reason) return s.tap.refusals[reason as keyof typeof s.tap.refusals] ?? fill(s.tap.refusedGeneric, { reason: e.message });
  if (e.kind === 'rate_limited') return s.faceCheck.busy;
  if (e.kind === 'unavailable') return s.faceCheck.unavailable;
  if (e.kind === 'not_found') return s.faceCheck.notConfigured;
  return fill(s.tap.refusedGeneric, { reason: e.message });
}

export async function onTapFaceCheck(kit: TapKit, ctx: TurnContext, d: VerbData<'tapFaceCheck'>): Promise<AdaptiveCard> {
  const found = await load(kit, d.requestId);
  if (!found) return gone(kit);
  const { r, t } = found;
  const s = kit.cards.strings;
  if ((await viewFor(kit, ctx, r, 'approver')) !== 'approver') return card(kit, ctx, r, t, 'readOnly', isOpen(r) ? s.tap.refusals.not_approver : undefined);
  const start = kit.backend.startFaceCheck;
  if (!kit.faceCheck || !start) return card(kit, ctx, r, t, 'approver', s.faceCheck.notConfigured);
  const ref: Partial<ConversationReference> | undefined = await employeeReference(kit, r, t);
  if (!ref) return card(kit, ctx, r, t, 'approver', fill(s.faceCheck.noChat, { name: r.requester.displayName }));
  // The approver's own sign-in, carried to the backend as proof (Teams answers a login request first).
  const approverToken = await kit.proof.require(ctx);
  const approverId = clickerOf(ctx).aadObjectId;
  let started: Awaited<ReturnType<typeof start>>;
  try {
    started = await start({ requestId: r.id, approverId, approverToken });
  } catch (e) {
    kit.log.info({ requestId: r.id, err: describeError(e) }, 'face check not started');
    return card(kit, ctx, r, t, 'approver', failureText(kit, e));
  }
  await kit.messenger.send(ref, cardActivity(renderFaceCheckCard(kit.cards, { url: started.url, expiresText: formatTime(started.expiresAt) })));
  await saveFaceCheck(kit.store, { requestId: r.id, presentationRequestId: started.presentationRequestId, approverId, sentAt: kit.clock.now().toISOString(), expiresAt: started.expiresAt });
  await kit.audit({ action: 'faceCheck.sent', actor: approverId, subject: r.requester.aadObjectId, details: { requestId: r.id, presentationRequestId: started.presentationRequestId } });
  return card(kit, ctx, r, t, 'approver', fill(s.faceCheck.sent, { name: r.requester.displayName, time: formatTime(started.expiresAt) }));
}

/**
 * Asks the backend for results of the Face Checks still waiting; when one arrived, keeps it and
 * updates the channel card in place (approvers' views refresh from it). Returns how many arrived.
 */
export async function refreshFaceChecks(kit: TapKit): Promise<number> {
  const status = kit.backend.faceCheckStatus;
  if (!status) return 0;
  let arrived = 0;
  const now = kit.clock.now().getTime();
  for (const f of await waitingFaceChecks(kit.store)) {
    try {
      const { evidence } = await status({ requestId: f.requestId });
      if (!evidence || evidence.presentationRequestId !== f.presentationRequestId) {
        if (Date.parse(f.expiresAt) + LATE_RESULT_MS < now) await saveFaceCheck(kit.store, { ...f, evidence: null });
        continue;
      }
      await saveFaceCheck(kit.store, { ...f, evidence });
      arrived++;
      const found = await load(kit, f.requestId);
      if (found?.t.channel) await syncChannelCard(kit, found.r, found.t);
    } catch (e) {
      kit.log.warn({ requestId: f.requestId, err: describeError(e) }, 'face check result not read; next time');
    }
  }
  return arrived;
}

export { faceCheckOf };
