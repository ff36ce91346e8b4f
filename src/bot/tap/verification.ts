/**
 * The verification ladder as the bot carries it: reads the backend's status for the card, and
 * forwards the approver's call-back confirmation and the manager's answer, each with that
 * person's own token (Teams SSO in the card action). The bot never decides whether proof is enough.
 */
import type { TurnContext } from 'botbuilder';
import type { TapRequest } from '../../approvals/model';
import type { VerificationCardPart } from '../../cards/tapRequestCard';
import type { VerbData } from '../../cards/verbs';
import { describeError, isAppError } from '../../shared/errors';
import type { TapKit } from './kit';
import { verificationPart } from './verificationView';

/** The card part for a request, or undefined when the backend has no verification ladder. */
export async function verificationFor(kit: TapKit, r: TapRequest, names: Map<string, string> = new Map()): Promise<VerificationCardPart | undefined> {
  const read = kit.backend.verificationStatus;
  if (!read) return undefined;
  try {
    return verificationPart(kit.cards.strings, await read({ requestId: r.id }), names);
  } catch (e) {
    kit.log.warn({ requestId: r.id, err: describeError(e) }, 'verification status unavailable for the card');
    return verificationPart(kit.cards.strings, undefined);
  }
}

export type Outcome = { ok: true } | { ok: false; reason: string; message: string };

/** A backend refusal (`details.reason`) as an outcome for the card; anything else is rethrown. */
export function asRefusal(e: unknown): Outcome {
  const reason = isAppError(e) ? e.details.reason : undefined;
  if (typeof reason !== 'string') throw e;
  return { ok: false, reason, message: e instanceof Error ? e.message : reason };
}

/** The manager's answer recorded by the backend on the manager's own token (Teams SSO first). */
export async function managerProof(kit: TapKit, ctx: TurnContext, d: VerbData<'managerConfirm'>): Promise<Outcome> {
  const confirm = kit.backend.confirmManager;
  if (!confirm) return { ok: true };
  const managerToken = await kit.proof.require(ctx);
  try {
    await confirm({ requestId: d.requestId, managerId: ctx.activity.from?.aadObjectId ?? '', managerToken, outcome: d.outcome });
    return { ok: true };
  } catch (e) {
    return asRefusal(e);
  }
}

export function clickerNames(ctx: TurnContext): Map<string, string> {
  const from = ctx.activity.from;
  return new Map(from?.aadObjectId && from.name ? [[from.aadObjectId.toLowerCase(), from.name]] : []);
}
