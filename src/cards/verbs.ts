/**
 * Every Action.Execute verb, declared once, with the zod schema of the data its button carries.
 * Templates use these verbs literally; tests/unit/cards/templates.test.ts rejects any other verb.
 */
import { z } from 'zod';
import { PASSKEY_DEVICES, PASSKEY_PROVIDERS } from '../backend/api/passkeys';

const flowId = z.string().min(1).max(64);
const flowOnly = z.object({ flowId }).passthrough();
const method = z.enum(['microsoftAuthenticator', 'phone', 'fido2', 'passkey']);
const device = z.object({ flowId, deviceId: z.string().min(1).max(100) }).passthrough();
const tapRequest = z.object({ requestId: z.string().min(1).max(64) }).passthrough();
const ticket = z.object({ ticketId: z.string().min(1).max(64) }).passthrough();
const campaign = z.object({ campaignId: z.string().min(1).max(100) }).passthrough();
const nudge = z.object({ campaignId: z.string().min(1).max(100), round: z.coerce.number().int().min(1).max(100) }).passthrough();
const guide = z.object({ guideId: z.string().min(1).max(64) }).passthrough();
/** Card inputs arrive as strings (empty when left blank). */
const optionalText = (max: number) => z.string().max(max).optional();

export const VERB_DATA = {
  /** Welcome card: "what are you trying to set up". Starts a new flow. */
  chooseMethod: z.object({ method }).passthrough(),
  /** Welcome card: "I got an error". Starts a new flow. */
  reportError: z.object({}).passthrough(),
  /** Ask-error card: the pasted text (Input.Text id `errorText`). */
  submitError: z.object({ errorText: z.string().max(2000).optional() }).passthrough(),
  /** Error-code card: run the account check. */
  checkAccount: flowOnly,
  /** Check-link card: diagnose without the browser check. */
  skipCheck: flowOnly,
  /** Findings / fix-step / device cards: run the diagnosis again. */
  tryAgain: flowOnly,
  itWorked: flowOnly,
  stillStuck: flowOnly,
  /** Records the wish to escalate (the escalation itself plugs in behind EscalationService). */
  talkToHelpdesk: flowOnly,
  showDevices: flowOnly,
  removeDevice: device,
  confirmRemoveDevice: device,
  cancelRemoveDevice: flowOnly,
  startOver: z.object({}).passthrough(),
  /** Clarifying question / not-understood card: the answer chosen (src/bot/clarify). */
  clarify: flowOnly.extend({ question: z.enum(['newPhone', 'method', 'device', 'topic']), answer: z.string().min(1).max(40) }).passthrough(),

  // ---- helpdesk channel and Temporary Access Pass approval (src/bot/helpdesk, src/bot/tap) ----
  /** Channel request card: re-render for the clicker (the `refresh` action, and the "Refresh" button). */
  tapRefresh: tapRequest,
  /** Approver: approve with the recorded verification (ChoiceSet `verificationMethod`, Text `verificationNote`). */
  tapApprove: tapRequest
    .extend({ verificationMethod: optionalText(40), verificationNote: optionalText(1000), replaceExisting: optionalText(5) })
    .passthrough(),
  /** Approver: "Deny…" shows the confirmation with a reason. */
  tapDenyStart: tapRequest,
  /** Approver: confirmed denial (Text `denyReason`). */
  tapDeny: tapRequest.extend({ denyReason: optionalText(1000) }).passthrough(),
  /** Approver: ask the employee for more information (Text `infoQuestion`). */
  tapAskInfo: tapRequest.extend({ infoQuestion: optionalText(1000) }).passthrough(),
  /** Approver: send the employee a Verified ID Face Check (src/bot/tap/faceCheck.ts). */
  tapFaceCheck: tapRequest,
  /** Approver: revoke an issued pass (Text `revokeReason`; the approver's own token, checked by the backend). */
  tapRevoke: tapRequest.extend({ revokeReason: optionalText(1000) }).passthrough(),
  /** Employee: withdraw their own open request (their own token). */
  tapCancel: tapRequest,
  /** Employee: the answer to the helpdesk's question (Text `infoAnswer`), posted into the helpdesk thread. */
  tapInfoAnswer: tapRequest.extend({ infoAnswer: optionalText(1000) }).passthrough(),
  /** Manager's 1:1 card: "Did <name> ask for a pass?" */
  managerConfirm: tapRequest.extend({ outcome: z.enum(['confirmed', 'declined']) }).passthrough(),
  /** Approver: "I called this number and it was them" (the ending of the masked directory number shown). */
  tapCallbackConfirm: tapRequest.extend({ numberEnding: z.string().regex(/^\d{2,4}$/) }).passthrough(),
  /** Approver: ask the employee's directory manager to confirm in Teams. */
  tapManagerAsk: tapRequest,
  /** Employee, after the pass was used: the new methods were theirs / were not. */
  tapItWasMe: tapRequest,
  tapNotMe: tapRequest,
  /** Employee: Account Recovery was offered first; they want the helpdesk instead. */
  helpdeskInstead: flowOnly,
  /** "Did it stay fixed?" a day after "It worked" (src/insights/followUp.ts); valid whatever the current flow. */
  followUpAnswer: flowOnly.extend({ answer: z.enum(['stayed_fixed', 'broke_again']) }).passthrough(),
  /** Helpdesk ticket / incident card. */
  ticketAssign: ticket,
  ticketResolve: ticket,

  // ---- registration-nudge campaigns (src/bot/campaigns) ----
  /** Helpdesk channel campaign card (approvers only, checked by the backend at click time). */
  campaignStart: campaign,
  campaignPause: campaign,
  campaignResume: campaign,
  /** "Cancel campaign…" shows the confirmation; campaignCancel is the confirmed cancel. */
  campaignCancelAsk: campaign,
  campaignCancel: campaign,
  campaignRefresh: campaign,
  campaignResults: campaign,
  /** Employee's nudge card. */
  nudgeSetup: nudge,
  nudgeStuck: nudge,
  nudgeSnooze: nudge,

  // ---- the passkey guide (src/bot/passkeys) ----
  /** Findings card: "Set up a passkey". Starts a new guide. */
  passkeyStart: z.object({}).passthrough(),
  passkeyProvider: guide.extend({ provider: z.enum(PASSKEY_PROVIDERS) }).passthrough(),
  passkeyDevice: guide.extend({ device: z.enum(PASSKEY_DEVICES) }).passthrough(),
  passkeyChangeProvider: guide,
  passkeyChangeDevice: guide,
  passkeyDone: guide,
  passkeyStuck: guide,
} as const;

export type Verb = keyof typeof VERB_DATA;
export type VerbData<V extends Verb> = z.infer<(typeof VERB_DATA)[V]>;

export const VERBS = Object.keys(VERB_DATA) as Verb[];

export function isVerb(value: string): value is Verb {
  return Object.prototype.hasOwnProperty.call(VERB_DATA, value);
}
