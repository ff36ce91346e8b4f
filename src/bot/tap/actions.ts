/**
 * Buttons on the pass request card (channel), the manager's card and the post-use watch card.
 * Nothing on a card is trusted: each handler loads the request, and the approval service (or the
 * backend approver check) decides who the clicker is allowed to be.
 */
import type { TurnContext } from 'botbuilder';
import type { Person, TapRequest } from '../../approvals/model';
import type { Refusal } from '../../approvals/results';
import { renderManagerConfirmCard } from '../../cards/managerConfirmCard';
import { renderNoticeCard } from '../../cards/noticeCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import { renderTapRequestCard, type TapCardView } from '../../cards/tapRequestCard';
import { renderTapWatchCard } from '../../cards/tapWatchCard';
import type { VerbData } from '../../cards/verbs';
import { fill } from '../../i18n/en';
import { tenantOf } from '../tenant';
import type { TapKit } from './kit';
import { managerCardFacts } from './messages';
import type { Thread } from './threads';
import { isOpen, requestCardInput } from './view';
import { methodLines } from './watch';
import { reportTakeover } from './containment';
import { clickerNames, managerProof, verificationFor } from './verification';

export function clickerOf(ctx: TurnContext): Person & { id?: string } {
  const from = ctx.activity.from;
  return { aadObjectId: from?.aadObjectId ?? '', ...(from?.name ? { displayName: from.name } : {}), ...(from?.id ? { id: from.id } : {}) };
}

export function refusalText(kit: TapKit, r: { reason: string; message: string }): string {
  const s = kit.cards.strings.tap;
  return s.refusals[r.reason] ?? fill(s.refusedGeneric, { reason: r.message });
}

export function gone(kit: TapKit): AdaptiveCard {
  const s = kit.cards.strings.tap;
  return renderNoticeCard(kit.cards, { title: s.refusals.not_found ?? 'Not found', text: s.refusals.not_found ?? '' });
}

export async function load(kit: TapKit, requestId: string): Promise<{ r: TapRequest; t: Thread } | undefined> {
  const r = await kit.service().get(requestId);
  const t = await kit.threads.get(r?.correlationId);
  return r && t ? { r, t } : undefined;
}

/** The approver view only for a verified approver who is not the employee, while undecided. */
export async function viewFor(kit: TapKit, ctx: TurnContext, r: TapRequest, wanted: TapCardView): Promise<TapCardView> {
  const who = clickerOf(ctx);
  if (!isOpen(r) || !who.aadObjectId || who.aadObjectId === r.requester.aadObjectId) return 'readOnly';
  if (!(await kit.approvers.check(who.aadObjectId))) return 'readOnly';
  await kit.approvers.remember(r.tenantId, { aadObjectId: who.aadObjectId, ...(who.id ? { id: who.id } : {}) });
  return wanted;
}

/** The channel card for the clicker, with the backend's verification status (tier, proof) while open. */
export async function card(kit: TapKit, ctx: TurnContext, r: TapRequest, t: Thread, view: TapCardView, notice?: string): Promise<AdaptiveCard> {
  const userIds = await kit.approvers.userIds(r.tenantId);
  const verification = isOpen(r) ? await verificationFor(kit, r, clickerNames(ctx)) : undefined;
  return renderTapRequestCard(kit.cards, {
    ...requestCardInput(kit.cards.strings, r, t, view, { userIds, ...(notice ? { notice } : {}), ...(verification ? { verification } : {}) }),
    faceCheck: kit.faceCheck,
  });
}

/** After a decision call: the current state, with the refusal (if any) for the clicker. */
async function afterDecision(kit: TapKit, ctx: TurnContext, requestId: string, result: { ok: true } | Refusal, onOk: TapCardView = 'readOnly', okNotice?: string) {
  const now = await load(kit, requestId);
  if (!now) return gone(kit);
  if (result.ok) return card(kit, ctx, now.r, now.t, await viewFor(kit, ctx, now.r, onOk), okNotice);
  kit.log.info({ requestId, refused: result.reason }, 'tap decision refused');
  const keepApprover = !['self_approval', 'not_approver'].includes(result.reason);
  return card(kit, ctx, now.r, now.t, keepApprover ? await viewFor(kit, ctx, now.r, 'approver') : 'readOnly', refusalText(kit, result));
}

export async function onTapRefresh(kit: TapKit, ctx: TurnContext, d: VerbData<'tapRefresh'>): Promise<AdaptiveCard> {
  const found = await load(kit, d.requestId);
  if (!found) return gone(kit);
  return card(kit, ctx, found.r, found.t, await viewFor(kit, ctx, found.r, 'approver'));
}

export async function onTapApprove(kit: TapKit, ctx: TurnContext, d: VerbData<'tapApprove'>): Promise<AdaptiveCard> {
  const verification = { method: d.verificationMethod ?? '', note: d.verificationNote ?? '' };
  // The approver's own sign-in, carried to the backend as proof (Teams answers a login request first).
  const approverToken = await kit.proof.require(ctx);
  const result = await kit.service().approve(d.requestId, clickerOf(ctx), verification, { replaceExisting: d.replaceExisting === 'true', approverToken });
  return afterDecision(kit, ctx, d.requestId, result);
}

export async function onTapDenyStart(kit: TapKit, ctx: TurnContext, d: VerbData<'tapDenyStart'>): Promise<AdaptiveCard> {
  const found = await load(kit, d.requestId);
  if (!found) return gone(kit);
  const view = await viewFor(kit, ctx, found.r, 'denyConfirm');
  const notice = view === 'readOnly' && isOpen(found.r) ? kit.cards.strings.tap.refusals.not_approver : undefined;
  return card(kit, ctx, found.r, found.t, view, notice);
}

export async function onTapDeny(kit: TapKit, ctx: TurnContext, d: VerbData<'tapDeny'>): Promise<AdaptiveCard> {
  return afterDecision(kit, ctx, d.requestId, await kit.service().deny(d.requestId, clickerOf(ctx), d.denyReason ?? ''));
}

export async function onTapAskInfo(kit: TapKit, ctx: TurnContext, d: VerbData<'tapAskInfo'>): Promise<AdaptiveCard> {
  const result = await kit.service().askForInfo(d.requestId, clickerOf(ctx), d.infoQuestion ?? '');
  return afterDecision(kit, ctx, d.requestId, result, 'approver', fill(kit.cards.strings.tap.infoText, { question: d.infoQuestion ?? '' }));
}

export async function onManagerConfirm(kit: TapKit, ctx: TurnContext, d: VerbData<'managerConfirm'>): Promise<AdaptiveCard> {
  const s = kit.cards.strings.tap;
  const before = await kit.service().get(d.requestId);
  if (!before) return gone(kit);
  // The manager's own sign-in, carried to the backend, which checks they are the directory manager.
  const recorded = kit.backend.confirmManager ? await managerProof(kit, ctx, d) : { ok: true as const };
  const result = !recorded.ok || before.state !== 'awaiting_manager' ? recorded : await kit.service().confirmByManager(d.requestId, clickerOf(ctx), d.outcome);
  const r = (await kit.service().get(d.requestId)) ?? before;
  const doneText = result.ok ? fill(s.managerDone, { outcome: s.managerOutcome[d.outcome] ?? d.outcome }) : refusalText(kit, result);
  return renderManagerConfirmCard(kit.cards, { requestId: r.id, employeeName: r.requester.displayName, facts: managerCardFacts(kit, r), doneText });
}

/** "It was me" / "This wasn't me" on the post-use watch card: only the employee may answer. */
export async function onWatchAnswer(kit: TapKit, ctx: TurnContext, d: VerbData<'tapNotMe'>, mine: boolean): Promise<AdaptiveCard> {
  const s = kit.cards.strings;
  const found = await load(kit, d.requestId);
  const who = clickerOf(ctx);
  if (!found || who.aadObjectId !== found.r.requester.aadObjectId || tenantOf(ctx.activity) !== found.r.tenantId) {
    return renderNoticeCard(kit.cards, { title: s.notices.foreignTitle, text: s.notices.foreignText });
  }
  const { r, t } = found;
  const methods = methodLines(
    kit,
    (t.watch?.reported ?? []).map((k) => {
      const [kind, displayName, createdDateTime] = k.split('|');
      return { ...(kind ? { kind } : {}), ...(displayName ? { displayName } : {}), ...(createdDateTime ? { createdDateTime } : {}) };
    }),
  );
  let doneText = s.tap.itWasMeDone;
  if (!mine && t.watch?.answer !== 'not_mine') {
    // The claim itself carries the employee's own sign-in (Teams SSO): the backend checks it.
    doneText = await reportTakeover(kit, r, t, who, await kit.proof.require(ctx));
  } else if (!mine) {
    doneText = s.tap.notMeDone;
  }
  await kit.threads.update(t.reference, (x) => ({ ...x, watch: { reported: x.watch?.reported ?? [], ...x.watch, answer: mine ? 'mine' : 'not_mine' } }));
  return renderTapWatchCard(kit.cards, { requestId: r.id, methods, doneText });
}
