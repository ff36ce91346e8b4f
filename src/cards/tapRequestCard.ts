/**
 * The Temporary Access Pass request card in the helpdesk channel. One template, three views:
 * `approver` (verification inputs + Approve / Deny… / Ask for info), `denyConfirm` (reason +
 * "Yes, deny"), `readOnly` (everyone else, and every decided request). The bot decides the view
 * after checking the clicker server-side; the card itself never grants anything.
 */
import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import type { Fact } from './evidence';
import type { AdaptiveCard } from './renderCard';

export type TapCardView = 'approver' | 'denyConfirm' | 'readOnly';

/** The verification ladder's part of the card (bot/tap/verificationView.ts), worded. */
export interface VerificationCardPart {
  facts: Fact[];
  /** One line per recorded proof (kind, who, when; Face Check score vs threshold). */
  lines: string[];
  /** Privileged / VIP: no pass from the bot; the card says who takes over instead of offering Approve. */
  ticket: boolean;
  ticketText?: string;
  canCallback: boolean;
  callback?: { label: string; numberEnding: string };
  /** Why no call-back can be confirmed (no directory number). */
  callbackNote?: string;
  canAskManager: boolean;
}

export interface TapRequestCardInput {
  requestId: string;
  employeeName: string;
  /** Already worded status line ("Approved by … at …, pass issued, expires …"). Never the pass. */
  status: string;
  /** Still waiting for a decision (pending / awaiting manager). */
  open: boolean;
  view: TapCardView;
  /** A refusal or remark for the person who clicked. */
  notice?: string;
  facts: Fact[];
  riskFacts: Fact[];
  signIns: string[];
  /** "Blocked: <title>" lines, root cause first. */
  findings: string[];
  evidence: Array<{ title: string; facts: Fact[] }>;
  history: string[];
  /** The employee has a usable pass: the approver may choose to replace it. */
  showReplace: boolean;
  /** The pass is issued and active: offer "Revoke pass" (the backend checks the clicker is an approver). */
  revocable?: boolean;
  /** Universal Actions: who gets the approver view automatically (approvers' ids), while open. */
  refreshUserIds?: string[];
  /** Verified ID Face Check is set up: the approver view offers "Ask for Face Check". */
  faceCheck?: boolean;
  /** Tier, accepted and recorded proof (absent when the backend offers no verification ladder). */
  verification?: VerificationCardPart;
}

function verificationData(ctx: CardContext, input: TapRequestCardInput): Record<string, unknown> {
  const v = ctx.strings.tap.verification;
  const part = input.verification;
  const approver = input.view === 'approver' && part !== undefined && !part.ticket;
  return {
    hasVerification: part !== undefined,
    verificationTitle: v.title,
    verificationFacts: part?.facts ?? [],
    verificationLines: (part?.lines ?? []).map((text) => ({ text })),
    hasTicket: input.open && part?.ticket === true,
    ticketText: part?.ticketText ?? '',
    showCallback: approver && part.canCallback && part.callback !== undefined,
    callbackLabel: part?.callback?.label ?? '',
    numberEnding: part?.callback?.numberEnding ?? '',
    callbackHint: v.callbackHint,
    hasCallbackNote: approver && part.callbackNote !== undefined,
    callbackNote: part?.callbackNote ?? '',
    showAskManager: approver && part.canAskManager,
    askManager: v.managerButton,
  };
}

export function renderTapRequestCard(ctx: CardContext, input: TapRequestCardInput): AdaptiveCard {
  const s = ctx.strings.tap;
  const h = ctx.strings.helpdesk;
  const card = ctx.renderer.render('tapRequest', {
    requestId: input.requestId,
    title: fill(s.requestTitle, { name: input.employeeName }),
    text: fill(s.requestText, { name: input.employeeName }),
    statusLabel: s.statusLabel,
    status: input.status,
    hasNotice: input.notice !== undefined && input.notice !== '',
    notice: input.notice ?? '',
    facts: input.facts,
    riskTitle: s.riskTitle,
    riskFacts: input.riskFacts,
    hasSignIns: input.signIns.length > 0,
    signInsTitle: s.signInsTitle,
    signIns: input.signIns.map((text) => ({ text })),
    findingsTitle: h.findingsTitle,
    findings: (input.findings.length > 0 ? input.findings : [s.none]).map((text) => ({ text })),
    evidenceToggle: h.evidenceToggle,
    hideToggle: h.hideEvidenceToggle,
    evidence: input.evidence.filter((e) => e.facts.length > 0),
    historyTitle: s.history,
    history: (input.history.length > 0 ? input.history : [s.none]).map((text) => ({ text })),
    ...verificationData(ctx, input),
    approverView: input.view === 'approver' && input.verification?.ticket !== true,
    denyConfirm: input.view === 'denyConfirm',
    readOnly: input.view === 'readOnly',
    revocable: input.revocable === true && input.view === 'readOnly',
    revokeHint: s.revokeHint,
    revokeReasonLabel: s.revokeReasonLabel,
    revokeReasonError: s.revokeReasonMissing,
    revokeReasonPlaceholder: s.revokeReasonPlaceholder,
    revokeButton: s.revokeButton,
    open: input.open,
    readOnlyNote: s.readOnlyNote,
    verifyLabel: s.verifyLabel,
    verifyPlaceholder: s.verifyPlaceholder,
    verifyError: s.verifyError,
    methods: Object.entries(s.verifyMethods).map(([value, title]) => ({ title, value })),
    notePlaceholder: s.notePlaceholder,
    noteLabel: s.noteLabel,
    noteError: s.noteError,
    showReplace: input.showReplace,
    replaceLabel: s.replaceExisting,
    replaceFieldLabel: s.replaceFieldLabel,
    replaceError: s.replaceError,
    questionPlaceholder: s.questionPlaceholder,
    questionLabel: s.questionLabel,
    questionError: s.questionError,
    approve: s.approve,
    deny: s.deny,
    askInfo: s.askInfo,
    denyConfirmTitle: s.denyConfirmTitle,
    denyConfirmText: s.denyConfirmText,
    denyReasonPlaceholder: s.denyReasonPlaceholder,
    denyReasonLabel: s.denyReasonLabel,
    denyReasonError: s.denyReasonError,
    denyConfirmButton: s.denyConfirm,
    back: s.back,
    refresh: h.refresh,
    // Not for privileged / VIP accounts: no pass from the bot, so no verification to gather.
    showFaceCheck: input.view === 'approver' && input.faceCheck === true && input.verification?.ticket !== true,
    faceCheckLabel: ctx.strings.faceCheck.label,
  });
  const ids = input.refreshUserIds ?? [];
  if (input.open && ids.length > 0) {
    // Teams asks the bot for a user-specific view for these users (at most 60) when they open the card.
    card.refresh = { action: { type: 'Action.Execute', verb: 'tapRefresh', data: { requestId: input.requestId } }, userIds: ids.slice(0, 60) };
  }
  return card;
}
