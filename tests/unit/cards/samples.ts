/**
 * Every card template filled through its typed renderer (src/cards/*Card.ts) with realistic data,
 * one entry per view worth checking. Shared by the template tests and the accessibility checks
 * (tests/e2e/a11y), which render the same cards per locale: pass the locale's CardContext.
 */
import type { CardContext } from '../../../src/cards/cardContext';
import type { AdaptiveCard, TemplateName } from '../../../src/cards/renderCard';
import { renderAskErrorCard } from '../../../src/cards/askErrorCard';
import { renderClarifyCard } from '../../../src/cards/clarifyCard';
import { renderCheckLinkCard } from '../../../src/cards/checkLinkCard';
import { renderConfirmDeviceCard } from '../../../src/cards/confirmDeviceCard';
import { renderDevicesCard } from '../../../src/cards/devicesCard';
import { renderErrorCodeCard } from '../../../src/cards/errorCodeCard';
import { renderEscalationOfferCard } from '../../../src/cards/escalationOfferCard';
import { renderFindingsCard } from '../../../src/cards/findingsCard';
import { renderFixStepCard } from '../../../src/cards/fixStepCard';
import { renderNoticeCard } from '../../../src/cards/noticeCard';
import { renderWelcomeCard } from '../../../src/cards/welcomeCard';
import { renderEscalationRecoveryCard } from '../../../src/cards/escalationRecoveryCard';
import { renderManagerConfirmCard } from '../../../src/cards/managerConfirmCard';
import { renderTapPassCard } from '../../../src/cards/tapPassCard';
import { renderTapRequestCard } from '../../../src/cards/tapRequestCard';
import { renderTapInfoCard } from '../../../src/cards/tapInfoCard';
import { renderTapWatchCard } from '../../../src/cards/tapWatchCard';
import { renderFollowUpCard } from '../../../src/cards/followUpCard';
import { renderTicketCard } from '../../../src/cards/ticketCard';
import { renderFaceCheckCard } from '../../../src/cards/faceCheckCard';
import { renderCampaignResultsCard } from '../../../src/cards/campaignResultsCard';
import { renderCampaignStatusCard } from '../../../src/cards/campaignStatusCard';
import { renderNudgeCard } from '../../../src/cards/nudgeCard';
import { renderPasskeyGuideCard } from '../../../src/cards/passkeyGuideCard';
import { CA_BLOCK, MFA_NOT_DONE, QUOTA, REGISTERED } from '../../conversation/fixtures';

/** [what it shows, template, render] */
export type CardSample = [string, TemplateName, () => AdaptiveCard];

const TAP_SAMPLE = {
  requestId: 'r1',
  employeeName: 'Alice Example',
  status: 'Waiting for an approver',
  open: true,
  facts: [{ title: 'Employee', value: 'Alice Example' }],
  riskFacts: [{ title: 'Identity Protection risk', value: 'low' }],
  signIns: ['2026-11-26 09:00 UTC: Zurich, CH (203.0.113.7), success'],
  findings: ['Blocked: needs a pass'],
  evidence: [{ title: 'needs a pass', facts: [{ title: 'Policy', value: 'ca-1' }] }],
  history: ['2026-11-26 09:00 UTC: request'],
  showReplace: false,
};
const TICKET_SAMPLE = {
  ticketId: 't1',
  kind: 'ticket' as const,
  employeeName: 'Alice Example',
  status: 'Open',
  facts: [{ title: 'Employee', value: 'Alice Example' }],
  findings: ['Blocked: admin fix'],
  evidence: [{ title: 'admin fix', facts: [{ title: 'Method', value: 'fido2' }] }],
};
const device = { id: 'dev-1', name: 'Old iPad', os: 'iOS 15', lastUsed: '2025-01-01T00:00:00Z', status: 'pending' as const };

export function cardSamples(ctx: CardContext): CardSample[] {
  return [
    ['welcome (install)', 'welcome', () => renderWelcomeCard(ctx, { variant: 'install' })],
    ['welcome (guided)', 'welcome', () => renderWelcomeCard(ctx, { variant: 'guided' })],
    ['askError', 'askError', () => renderAskErrorCard(ctx, { flowId: 'f' })],
    ['errorCode', 'errorCode', () => renderErrorCodeCard(ctx, { flowId: 'f', codes: [{ code: 'AADSTS53003', meaning: 'Blocked by policy.' }, { code: '0x801c0003' }] })],
    ['checkLink', 'checkLink', () => renderCheckLinkCard(ctx, { flowId: 'f', url: 'https://bot.example/check/x' })],
    ['findings', 'findings', () => renderFindingsCard(ctx, { flowId: 'f', findings: [CA_BLOCK, MFA_NOT_DONE, REGISTERED], gaps: [{ source: 'signIns', reason: 'no P1 licence' }], pastedCodes: ['53003'] })],
    ['findings (quota)', 'findings', () => renderFindingsCard(ctx, { flowId: 'f', findings: [QUOTA], gaps: [], pastedCodes: [] })],
    ['findings (none)', 'findings', () => renderFindingsCard(ctx, { flowId: 'f', findings: [], gaps: [], pastedCodes: [] })],
    ['fixStep', 'fixStep', () => renderFixStepCard(ctx, { flowId: 'f', finding: MFA_NOT_DONE, position: 2, total: 2, pastedCodes: [] })],
    ['escalationOffer', 'escalationOffer', () => renderEscalationOfferCard(ctx, { flowId: 'f' })],
    ['devices', 'devices', () => renderDevicesCard(ctx, { flowId: 'f', removable: [device, { ...device, id: 'd2', status: 'removed' }], joined: [{ name: 'LAPTOP' }], notice: 'Done.' })],
    ['devices (none left)', 'devices', () => renderDevicesCard(ctx, { flowId: 'f', removable: [], joined: [] })],
    ['confirmDevice', 'confirmDevice', () => renderConfirmDeviceCard(ctx, { flowId: 'f', device })],
    ['notice', 'notice', () => renderNoticeCard(ctx, { title: 'T', text: 'x' })],
    ['clarify (new phone)', 'clarify', () => renderClarifyCard(ctx, { flowId: 'f', question: 'newPhone', answers: ['new', 'lost', 'same'], canSkip: true })],
    ['clarify (not understood)', 'clarify', () => renderClarifyCard(ctx, { flowId: 'f', question: 'topic', answers: ['authenticator', 'phone', 'securityKey', 'error', 'newPhone', 'locked'], vars: { text: 'banana' }, canSkip: false })],
    ['notice (retry, reference)', 'notice', () => renderNoticeCard(ctx, { title: 'T', text: 'x', retryFlowId: 'f', reference: 'ABC', showSecurityLine: true })],
    // Helpdesk and pass approval.
    ['tapRequest (approver)', 'tapRequest', () => renderTapRequestCard(ctx, { ...TAP_SAMPLE, view: 'approver', showReplace: true })],
    ['tapRequest (deny confirm)', 'tapRequest', () => renderTapRequestCard(ctx, { ...TAP_SAMPLE, view: 'denyConfirm' })],
    ['tapRequest (approver, Face Check set up)', 'tapRequest', () => renderTapRequestCard(ctx, { ...TAP_SAMPLE, view: 'approver', faceCheck: true })],
    ['faceCheck', 'faceCheck', () => renderFaceCheckCard(ctx, { url: 'openid-vc://?request_uri=https://verifiedid.did.msidentity.com/v1.0/t/verifiableCredentials/presentationRequests/r', expiresText: '2026-11-26 09:35 UTC' })],
    ['tapRequest (read-only)', 'tapRequest', () => renderTapRequestCard(ctx, { ...TAP_SAMPLE, view: 'readOnly', refreshUserIds: ['29:hank'] })],
    ['tapRequest (decided)', 'tapRequest', () => renderTapRequestCard(ctx, { ...TAP_SAMPLE, open: false, view: 'readOnly', status: 'Denied by Hank.', notice: 'Someone else decided first.' })],
    ['tapPass', 'tapPass', () => renderTapPassCard(ctx, { kind: 'pass', pass: 'Abc-123+x', expiresText: '2026-11-26 10:00 UTC' })],
    ['tapPass (redacted)', 'tapPass', () => renderTapPassCard(ctx, { kind: 'redacted', reason: 'used' })],
    ['tapRequest (issued, revocable)', 'tapRequest', () => renderTapRequestCard(ctx, { ...TAP_SAMPLE, open: false, view: 'readOnly', status: 'Approved by Hank.', revocable: true })],
    ['tapInfo', 'tapInfo', () => renderTapInfoCard(ctx, { requestId: 'r1', question: 'Which office are you in today?', notice: 'Type your answer first.' })],
    ['notice (cancel request)', 'notice', () => renderNoticeCard(ctx, { title: 'T', text: 'x', reference: 'ABC', cancelRequestId: 'r1' })],
    ['tapWatch', 'tapWatch', () => renderTapWatchCard(ctx, { requestId: 'r1', methods: ['Microsoft Authenticator (iPhone) added at 10:32'] })],
    ['followUp', 'followUp', () => renderFollowUpCard(ctx, { flowId: 'f', fixedAt: '2026-11-30T10:00:00Z' })],
    ['managerConfirm', 'managerConfirm', () => renderManagerConfirmCard(ctx, { requestId: 'r1', employeeName: 'Alice', facts: [{ title: 'Employee', value: 'Alice' }] })],
    ['ticket (open)', 'ticket', () => renderTicketCard(ctx, { ...TICKET_SAMPLE, state: 'open' })],
    ['ticket (incident, assigned)', 'ticket', () => renderTicketCard(ctx, { ...TICKET_SAMPLE, kind: 'incident', state: 'assigned', notice: 'Someone else took this ticket first.' })],
    ['escalationRecovery', 'escalationRecovery', () => renderEscalationRecoveryCard(ctx, { flowId: 'f', url: 'https://aka.ms/mysecurityinfo' })],
    // Registration-nudge campaigns
    ['nudge', 'nudge', () => renderNudgeCard(ctx, { campaignId: 'c1', round: 1, snoozesLeft: 2 })],
    ['nudge (no reminders left)', 'nudge', () => renderNudgeCard(ctx, { campaignId: 'c1', round: 3, snoozesLeft: 0 })],
    ...(['draft', 'running', 'paused', 'completed'] as const).map((status): CardSample => [
      `campaignStatus (${status})`,
      'campaignStatus',
      () => renderCampaignStatusCard(ctx, { campaignId: 'c1', status, kind: 'progress', facts: [{ title: 'Nudged', value: '3' }], failures: [{ label: 'blocked the bot', count: 1 }] }),
    ]),
    ['campaignStatus (confirm cancel)', 'campaignStatus', () => renderCampaignStatusCard(ctx, { campaignId: 'c1', status: 'running', kind: 'progress', facts: [], failures: [], confirmCancel: true })],
    // The passkey guide
    ['passkeyGuide (provider)', 'passkeyGuide', () => renderPasskeyGuideCard(ctx, { view: 'provider', guideId: 'g', providers: ['microsoftAuthenticator', 'securityKey', 'windowsHello', 'iCloudKeychain'], caution: true })],
    ['passkeyGuide (device)', 'passkeyGuide', () => renderPasskeyGuideCard(ctx, { view: 'device', guideId: 'g', provider: 'securityKey', recommended: 'windows' })],
    [
      'passkeyGuide (steps)',
      'passkeyGuide',
      () => renderPasskeyGuideCard(ctx, { view: 'steps', guideId: 'g', provider: 'microsoftAuthenticator', device: 'windows', steps: ['a', 'b'], notes: ['n'], sources: [{ title: 'Learn', url: 'https://learn.microsoft.com/x' }] }),
    ],
    ['findings (passkey)', 'findings', () => renderFindingsCard(ctx, { flowId: 'f', findings: [{ ...MFA_NOT_DONE, code: 'PHONE_ONLY_MFA' as typeof MFA_NOT_DONE.code }], gaps: [], pastedCodes: [] })],
    ['campaignResults', 'campaignResults', () => renderCampaignResultsCard(ctx, { campaignId: 'c1', days: 7, nudged: { total: 10, registeredWithinDays: 4, registeredTimingUnknown: 1 }, notNudged: { total: 5, registered: 1 } })],
  ];
}

