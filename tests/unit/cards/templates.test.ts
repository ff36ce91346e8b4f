import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderAskErrorCard } from '../../../src/cards/askErrorCard';
import type { CardContext } from '../../../src/cards/cardContext';
import { renderClarifyCard } from '../../../src/cards/clarifyCard';
import { renderCheckLinkCard } from '../../../src/cards/checkLinkCard';
import { renderConfirmDeviceCard } from '../../../src/cards/confirmDeviceCard';
import { renderDevicesCard } from '../../../src/cards/devicesCard';
import { renderErrorCodeCard } from '../../../src/cards/errorCodeCard';
import { renderEscalationOfferCard } from '../../../src/cards/escalationOfferCard';
import { renderFindingsCard } from '../../../src/cards/findingsCard';
import { renderFixStepCard } from '../../../src/cards/fixStepCard';
import { renderNoticeCard } from '../../../src/cards/noticeCard';
import { createCardRenderer, TEMPLATE_NAMES, type AdaptiveCard, type TemplateName } from '../../../src/cards/renderCard';
import { VERBS } from '../../../src/cards/verbs';
import { renderWelcomeCard } from '../../../src/cards/welcomeCard';
import { renderEscalationRecoveryCard } from '../../../src/cards/escalationRecoveryCard';
import { renderManagerConfirmCard } from '../../../src/cards/managerConfirmCard';
import { renderTapPassCard } from '../../../src/cards/tapPassCard';
import { renderTapRequestCard } from '../../../src/cards/tapRequestCard';
import { renderTapInfoCard } from '../../../src/cards/tapInfoCard';
import { renderTapWatchCard } from '../../../src/cards/tapWatchCard';
import { renderTicketCard } from '../../../src/cards/ticketCard';
import { renderCampaignResultsCard } from '../../../src/cards/campaignResultsCard';
import { renderCampaignStatusCard } from '../../../src/cards/campaignStatusCard';
import { renderNudgeCard } from '../../../src/cards/nudgeCard';
import { renderPasskeyGuideCard } from '../../../src/cards/passkeyGuideCard';
import { en } from '../../../src/i18n/en';
import { CA_BLOCK, MFA_NOT_DONE, QUOTA, REGISTERED } from '../../conversation/fixtures';

const DIR = path.resolve(__dirname, '..', '..', '..', 'adaptiveCards');
const ACTION_TYPES = new Set(['Action.Execute', 'Action.OpenUrl', 'Action.ToggleVisibility']);
const WIDE: TemplateName[] = ['welcome', 'errorCode', 'findings', 'fixStep', 'devices', 'tapRequest', 'ticket', 'passkeyGuide'];

type Node = Record<string, unknown>;
function walk(node: unknown, visit: (o: Node) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Node);
    Object.values(node as Node).forEach((v) => walk(v, visit));
  }
}
const nodesOf = (card: unknown, pred: (o: Node) => boolean) => {
  const out: Node[] = [];
  walk(card, (o) => pred(o) && out.push(o));
  return out;
};
const isAction = (o: Node) => typeof o.type === 'string' && o.type.startsWith('Action.');

const ctx: CardContext = { renderer: createCardRenderer({ dir: DIR }), strings: en };
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
const SAMPLES: Array<[string, TemplateName, () => AdaptiveCard]> = [
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
  // Helpdesk and pass approval (views without any action are covered by the conversation tests).
  ['tapRequest (approver)', 'tapRequest', () => renderTapRequestCard(ctx, { ...TAP_SAMPLE, view: 'approver', showReplace: true })],
  ['tapRequest (read-only)', 'tapRequest', () => renderTapRequestCard(ctx, { ...TAP_SAMPLE, view: 'readOnly', refreshUserIds: ['29:hank'] })],
  ['tapRequest (decided)', 'tapRequest', () => renderTapRequestCard(ctx, { ...TAP_SAMPLE, open: false, view: 'readOnly', status: 'Denied by Hank.', notice: 'Someone else decided first.' })],
  ['tapPass', 'tapPass', () => renderTapPassCard(ctx, { kind: 'pass', pass: 'Abc-123+x', expiresText: '2026-11-26 10:00 UTC' })],
  ['tapPass (redacted)', 'tapPass', () => renderTapPassCard(ctx, { kind: 'redacted', reason: 'used' })],
  ['tapRequest (issued, revocable)', 'tapRequest', () => renderTapRequestCard(ctx, { ...TAP_SAMPLE, open: false, view: 'readOnly', status: 'Approved by Hank.', revocable: true })],
  ['tapInfo', 'tapInfo', () => renderTapInfoCard(ctx, { requestId: 'r1', question: 'Which office are you in today?', notice: 'Type your answer first.' })],
  ['notice (cancel request)', 'notice', () => renderNoticeCard(ctx, { title: 'T', text: 'x', reference: 'ABC', cancelRequestId: 'r1' })],
  ['tapWatch', 'tapWatch', () => renderTapWatchCard(ctx, { requestId: 'r1', methods: ['Microsoft Authenticator (iPhone) added at 10:32'] })],
  ['managerConfirm', 'managerConfirm', () => renderManagerConfirmCard(ctx, { requestId: 'r1', employeeName: 'Alice', facts: [{ title: 'Employee', value: 'Alice' }] })],
  ['ticket (open)', 'ticket', () => renderTicketCard(ctx, { ...TICKET_SAMPLE, state: 'open' })],
  ['ticket (incident, assigned)', 'ticket', () => renderTicketCard(ctx, { ...TICKET_SAMPLE, kind: 'incident', state: 'assigned', notice: 'n' })],
  ['escalationRecovery', 'escalationRecovery', () => renderEscalationRecoveryCard(ctx, { flowId: 'f', url: 'https://aka.ms/mysecurityinfo' })],
  // Registration-nudge campaigns
  ['nudge', 'nudge', () => renderNudgeCard(ctx, { campaignId: 'c1', round: 1, snoozesLeft: 2 })],
  ['nudge (no reminders left)', 'nudge', () => renderNudgeCard(ctx, { campaignId: 'c1', round: 3, snoozesLeft: 0 })],
  ...(['draft', 'running', 'paused', 'completed'] as const).map((status): [string, TemplateName, () => AdaptiveCard] => [
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

describe('card templates (as written in adaptiveCards/)', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

  it('every template file is a known template and every known template has a file', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...TEMPLATE_NAMES].sort());
  });

  it.each(files)('%s: schema 1.5, wrapping TextBlocks, known verbs and action types, at most 3 actions per row', (file) => {
    const card = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Node;
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    for (const tb of nodesOf(card, (o) => o.type === 'TextBlock')) expect(tb.wrap).toBe(true);
    for (const a of nodesOf(card, isAction)) {
      expect(ACTION_TYPES.has(a.type as string)).toBe(true);
      if (a.type === 'Action.Execute') expect(VERBS).toContain(a.verb);
    }
    for (const set of nodesOf(card, (o) => o.type === 'ActionSet')) expect((set.actions as unknown[]).length).toBeLessThanOrEqual(3);
    expect(card.actions === undefined || (card.actions as unknown[]).length <= 3).toBe(true);
    if (WIDE.includes(file.replace(/\.json$/, '') as TemplateName)) expect(card.msteams).toEqual({ width: 'Full' });
  });
});

describe('card templates (rendered with sample data)', () => {
  it('every template is covered by a sample', () => {
    expect(new Set(SAMPLES.map((s) => s[1]))).toEqual(new Set(TEMPLATE_NAMES));
  });

  it.each(SAMPLES)('%s: nothing left unbound, one positive action, rows of at most 3, Execute actions carry data', (_name, _t, render) => {
    const card = render();
    expect(JSON.stringify(card)).not.toContain('${');
    const acts = nodesOf(card, isAction);
    expect(acts.filter((a) => a.style === 'positive')).toHaveLength(1);
    for (const set of nodesOf(card, (o) => o.type === 'ActionSet')) expect((set.actions as unknown[]).length).toBeLessThanOrEqual(3);
    for (const a of acts.filter((x) => x.type === 'Action.Execute')) {
      expect(VERBS).toContain(a.verb);
      expect(typeof a.data).toBe('object');
    }
    for (const tb of nodesOf(card, (o) => o.type === 'TextBlock')) expect(typeof tb.text === 'string' && tb.text.length > 0).toBe(true);
  });

  it('cards that touch security carry the line about never approving a sign-in you did not start', () => {
    for (const [name, , render] of SAMPLES.filter(([n]) => /welcome|errorCode|checkLink|findings|fixStep|devices|confirmDevice|escalationOffer/.test(n))) {
      expect([name, JSON.stringify(render())]).toEqual([name, expect.stringContaining(en.securityLine)]);
    }
  });

  it('destructive actions only appear on the confirmation card', () => {
    for (const [name, , render] of SAMPLES) {
      const destructive = nodesOf(render(), isAction).filter((a) => a.style === 'destructive');
      expect([name, destructive.length]).toEqual([name, name === 'confirmDevice' || name === 'campaignStatus (confirm cancel)' ? 1 : 0]);
    }
  });
});
