/**
 * Every Action.Execute answered within the deadline. The work runs against a copy of the turn
 * (the real TurnContext is revoked when the turn ends); if it finishes in time its card is the
 * invoke response, as before. If not, the invoke is answered with "Checking…" / "Issuing…" and
 * the work's answer replaces it when ready (late.ts). The work is claimed in the durable ledger
 * first, so a re-sent invoke (Teams re-sends one it got no answer to) never starts it twice.
 */
import { TurnContext, type Activity } from 'botbuilder';
import { renderNoticeCard } from '../../cards/noticeCard';
import type { AdaptiveCard } from '../../cards/renderCard';
import { describeError } from '../../shared/errors';
import { withBoundary } from '../errors';
import { isLoginRequired, sendLoginRequest, type LoginRequired } from '../sso/loginRequest';
import { readFlow, writeFlow, type AppTurnState } from '../state';
import { deliver, makeTurn, type BotServices, type Turn } from '../turn';
import { invokeIdentity } from './key';
import { deliverLate, stampOf } from './late';
import { InvokeLedger } from './ledger';
import { resolveDeadline, type InvokeDeadline } from './timing';

export type InvokeHandler = (turn: Turn) => Promise<AdaptiveCard>;

export interface InvokeRuntime {
  deadline: InvokeDeadline;
  ledger: InvokeLedger;
  /** Work started on this instance, by invoke key: a duplicate arriving here waits for it (within its own deadline). */
  inflight: Map<string, Promise<AdaptiveCard>>;
}

export function createInvokeRuntime(svc: BotServices): InvokeRuntime {
  const deadline = resolveDeadline(svc.deps.invokes);
  return { deadline, ledger: new InvokeLedger(svc.deps.store, svc.deps.clock, deadline), inflight: new Map() };
}

async function within(card: Promise<AdaptiveCard> | undefined, deadline: Promise<void>): Promise<AdaptiveCard | undefined> {
  if (!card) return undefined;
  return Promise.race([card, deadline.then(() => undefined)]);
}

/** The card shown while the work continues: "Issuing…" for decisions on a pass, "Working on it…" for the helpdesk's and campaigns' cards. */
export function pendingCard(svc: BotServices, verb: string): AdaptiveCard {
  const s = svc.cards.strings.deferred;
  if (verb.startsWith('tap') || verb === 'managerConfirm') return renderNoticeCard(svc.cards, { title: s.issuingTitle, text: s.issuingText });
  if (verb.startsWith('campaign') || verb.startsWith('ticket')) return renderNoticeCard(svc.cards, { title: s.workingTitle, text: s.workingText });
  return renderNoticeCard(svc.cards, { title: s.checkingTitle, text: s.checkingText });
}

/** A TurnContext that outlives the turn: same activity and turn state; sends go through the live turn while it lasts. */
function detach(ctx: TurnContext, alive: () => boolean): TurnContext {
  const activity = JSON.parse(JSON.stringify(ctx.activity)) as Activity;
  const copy = new TurnContext(ctx.adapter, activity);
  for (const [k, v] of ctx.turnState) copy.turnState.set(k, v);
  copy.onSendActivities(async (_c, activities, next) => (alive() ? ctx.sendActivities(activities) : next()));
  return copy;
}

export async function respondInvoke(svc: BotServices, rt: InvokeRuntime, ctx: TurnContext, state: AppTurnState, handler: InvokeHandler): Promise<void> {
  const timer = rt.deadline.after(rt.deadline.answerWithinMs);
  let alive = true;
  try {
    const id = invokeIdentity(ctx.activity);
    const claim = await rt.ledger.claim(id.key, id.verb);
    if (claim.kind !== 'claimed') {
      makeTurn(svc, ctx, state, undefined).log.info({ verb: id.verb, work: claim.kind }, 'repeated invoke: the work it asks for was already started; not started again');
      const card = claim.kind === 'done' ? claim.card : await within(rt.inflight.get(id.key), timer.done);
      await deliver(ctx, card ?? pendingCard(svc, id.verb));
      return;
    }
    const turn = makeTurn(svc, detach(ctx, () => alive), state, readFlow(state));
    const stamp = stampOf(turn.flow);
    // A Teams login request (bot/sso) is the invoke's answer, not work: the re-sent invoke starts anew.
    let login: LoginRequired | undefined;
    const work = withBoundary(svc, turn, () => handler(turn)).catch((e: unknown) => {
      if (!isLoginRequired(e)) throw e;
      login = e;
      return pendingCard(svc, id.verb);
    });
    rt.inflight.set(id.key, work);
    void work.finally(() => rt.inflight.delete(id.key));
    const first = await Promise.race([work.then((card) => ({ card })), timer.done.then(() => undefined)]);
    if (login) {
      await rt.ledger.finish(id.key, 'answered');
      await sendLoginRequest(ctx, login);
      return;
    }
    if (first) {
      writeFlow(state, turn.flow);
      await rt.ledger.finish(id.key, 'answered');
      await deliver(ctx, first.card);
      return;
    }
    // Too slow: answer now, finish later. The flow stays as stored until the work is done.
    turn.log.info({ verb: id.verb, deadlineMs: rt.deadline.answerWithinMs }, 'invoke answered before its work finished; the answer follows');
    await deliver(ctx, pendingCard(svc, id.verb));
    const a = turn.ctx.activity;
    const conversationType = a.conversation?.conversationType ?? 'personal';
    const late = {
      reference: TurnContext.getConversationReference(a),
      replyToId: a.replyToId,
      shared: conversationType !== 'personal',
      stamp,
    };
    rt.deadline.background.track(
      work.then(async (card) => {
        if (login) return rt.ledger.finish(id.key, 'answered');
        await rt.ledger.finish(id.key, 'done', card);
        try {
          const how = await deliverLate(svc, { ...late, flow: turn.flow, card, log: turn.log });
          turn.log.info({ verb: id.verb, delivered: how }, 'late invoke answer delivered');
        } catch (e) {
          turn.log.warn({ verb: id.verb, err: describeError(e) }, 'late invoke answer not delivered; a re-sent invoke gets it');
        }
      }),
    );
  } finally {
    alive = false;
    timer.cancel();
  }
}

/** Today's path, for a bot without a proactive adapter: the handler's card is the invoke response, however long it takes. */
export async function respondInline(svc: BotServices, ctx: TurnContext, state: AppTurnState, handler: InvokeHandler): Promise<void> {
  const turn = makeTurn(svc, ctx, state, readFlow(state));
  const card = await withBoundary(svc, turn, () => handler(turn));
  writeFlow(state, turn.flow);
  await deliver(ctx, card);
}
