/**
 * A Temporary Access Pass from request to redaction in the Microsoft 365 Agents Playground:
 * Johanna Lorenz (her last pass expired unused, demo tenant) asks in her 1:1 chat; Diego Siciliani
 * (helpdesk approver) picks the channel and approves there; Johanna's chat shows the pass, and
 * after she used it the message without it. The Playground has no user-specific views and its UI
 * always clicks as the current user, so Diego acts through the channel APIs (toolchain.md §3, §8):
 * his message through customActivities, his Action.Execute as an invoke on the bot's real
 * /api/messages with the Playground connector as serviceUrl. Screenshots: test-artifacts/e2e/tap-*.png.
 */
import type { Browser } from 'playwright-core';
import { PLAYGROUND_BOT } from '../../../src/local/playground';
import { offsetClock, type Clock } from '../../../src/shared/clock';
import { en } from '../../../src/i18n/en';
import { CHROMIUM_INSTALL_TIMEOUT_MS, launchChromium } from '../support/chromium';
import { eventText, openPlayground, PLAYGROUND_IDS, PlaygroundStream, postAs, startE2eStack, UI_TIMEOUT_MS, type E2eStack, type MockUser, type PlaygroundUi, type StreamEvent } from '../support/playground';

const CHANNEL = PLAYGROUND_IDS.helpdeskChannel;
/** "Helpdesk TAP Approvers" in tests/fixtures/tenants/demo.json (Diego Siciliani, Lynne Robbins). */
const DEMO_APPROVERS_GROUP = '830c8a9f-3ecc-4f31-8926-fa4a3436bf66';
const inChannel = (e: StreamEvent) => String(e.actionConversationId).startsWith(CHANNEL);
const inPersonal = (e: StreamEvent) => e.actionConversationId === PLAYGROUND_IDS.personalChat;

/** The demo tenant's "now", plus a shift the test controls (shared by simulator, backend and bot). */
function shiftableClock(): { clock: Clock; shift(ms: number): void } {
  const base = offsetClock('2026-11-26T09:00:00Z');
  let extra = 0;
  return { clock: { now: () => new Date(base.now().getTime() + extra) }, shift: (ms) => (extra += ms) };
}

function requestIdOf(e: StreamEvent): string {
  const m = /"verb":"tapRefresh","data":\{"requestId":"([^"]+)"/.exec(eventText(e));
  if (!m?.[1]) throw new Error('no request id on the channel card');
  return m[1];
}

describe('Temporary Access Pass approval in the Microsoft 365 Agents Playground', () => {
  let browser: Browser | undefined;
  let e2e: E2eStack | undefined;
  let stream: PlaygroundStream | undefined;
  let ui: PlaygroundUi | undefined;
  const time = shiftableClock();

  beforeAll(async () => {
    browser = await launchChromium();
    // APPROVERS_GROUP_ID explicitly: startLocalStack fills it in only after the backend has started,
    // so without it the backend knows no approvers group (reported to the coordinator).
    e2e = await startE2eStack({ currentUserIndex: 13, clock: time.clock, env: { APPROVERS_GROUP_ID: DEMO_APPROVERS_GROUP } });
    stream = await PlaygroundStream.connect(e2e.playgroundUrl);
  }, CHROMIUM_INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    await ui?.close();
    await stream?.close().catch(() => undefined);
    await e2e?.close();
    await browser?.close().catch(() => undefined);
  });

  async function clickAs(stack: E2eStack, who: MockUser, replyToId: string, verb: string, data: Record<string, unknown>): Promise<unknown> {
    const res = await fetch(`${stack.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: `e2e-${Date.now()}`,
        channelId: 'msteams',
        serviceUrl: `${stack.playgroundUrl}/_connector`,
        conversation: { id: CHANNEL, conversationType: 'channel', isGroup: true, tenantId: stack.tenantId },
        channelData: { tenant: { id: stack.tenantId }, channel: { id: CHANNEL } },
        from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
        recipient: { id: PLAYGROUND_BOT.id, name: PLAYGROUND_BOT.name },
        replyToId,
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as unknown;
  }

  it('the employee requests, the approver approves in the channel, the chat shows the pass, then the redacted message', async () => {
    if (!browser || !e2e || !stream) throw new Error('the e2e stack did not start');
    const stack = e2e;
    const events = stream;
    expect(stack.currentUser.name).toBe('Johanna Lorenz');
    const diego = stack.others.find((u) => u.name === 'Diego Siciliani');
    if (!diego) throw new Error('Diego is not a mock user');

    // Diego (approvers group) makes the team channel the helpdesk channel.
    await postAs(stack, diego, CHANNEL, 'use this channel for helpdesk');
    const chosen = await events.waitFor((e) => e.action === 'createMessage' && inChannel(e), UI_TIMEOUT_MS, 'channel reply');
    expect(eventText(chosen)).toContain(en.helpdesk.channelChosen);

    // Johanna: lost phone → diagnosis → "Ask the helpdesk for a pass" (a pass is the remedy).
    ui = await openPlayground(browser, stack, { prefix: 'tap', viewport: { width: 1280, height: 1400 } });
    await ui.waitForCard(en.welcome.title);
    await ui.send('I lost my phone');
    const findings = await ui.waitForCard(en.findings.title);
    await ui.clickCardButton(findings, en.advice.askForPass);
    await ui.waitForCard(en.tap.requestedTitle);
    await ui.shot('employee-requested');

    // The request card is a new post in the channel, read-only for everyone in the Playground.
    const posted = await events.waitFor((e) => e.action === 'createMessage' && inChannel(e) && eventText(e).includes('Temporary Access Pass request: Johanna Lorenz'), UI_TIMEOUT_MS, 'request card');
    const postId = String(posted.message?.messageId ?? posted.message?.id ?? '');
    const requestId = requestIdOf(posted);
    await ui.openChat('helpdesk');
    const channelCard = await ui.waitForCard('Temporary Access Pass request: Johanna Lorenz');
    await ui.page.getByText(en.tap.status.pending ?? 'Waiting for an approver').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await ui.shot('channel-request', channelCard);

    // Diego's own view (what Teams' refresh would show him), then his approval with the verification.
    const view = JSON.stringify(await clickAs(stack, diego, postId, 'tapRefresh', { requestId }));
    expect(view).toContain('"verb":"tapApprove"');
    // The verification ladder: Diego called the directory number back (shown masked) and confirms it
    // with his own sign-in (the local identity provider); the backend records the evidence.
    expect(view).toContain('I called ••• ••• 0188 and it was them');
    const called = JSON.stringify(await clickAs(stack, diego, postId, 'tapCallbackConfirm', { requestId, numberEnding: '0188' }));
    expect(called).toContain(en.tap.verification.callbackDone);
    const approved = JSON.stringify(
      await clickAs(stack, diego, postId, 'tapApprove', { requestId, verificationMethod: 'video_call_with_id', verificationNote: 'video call, employee badge matches HR photo' }),
    );
    expect(approved).toContain('Approved by Diego Siciliani');

    // Everyone's channel card is updated in place: decided, never the pass.
    await events.waitFor((e) => e.action === 'updateMessage' && inChannel(e) && eventText(e).includes('Pass issued and sent to the employee privately'), UI_TIMEOUT_MS, 'channel card update');
    const decided = await ui.waitForCard('Pass issued and sent to the employee privately');
    await ui.shot('channel-approved', decided);

    // The pass in Johanna's 1:1 chat only.
    const delivered = await events.waitFor((e) => e.action === 'createMessage' && inPersonal(e) && eventText(e).includes(en.tap.passTitle), UI_TIMEOUT_MS, 'pass message');
    const pass = /"fontType":"Monospace","size":"ExtraLarge","weight":"Bolder","wrap":true,"text":"([^"]+)"|"text":"([^"]+)","fontType":"Monospace"/.exec(eventText(delivered));
    const code = pass?.[1] ?? pass?.[2] ?? '';
    expect(code.length).toBeGreaterThanOrEqual(8);
    for (const e of events.events.filter(inChannel)) expect(eventText(e)).not.toContain(code);
    await ui.openChat('personal');
    const passCard = await ui.waitForCard(en.tap.passNever);
    await ui.shot('employee-pass', passCard);

    // Johanna signs in with it (the simulator marks it used); the next maintenance run redacts the message.
    const johanna = stack.stack.simulator.tenant.users.find((u) => u.id === stack.currentUser.aadObjectId);
    const tap = johanna?.methods.find((m) => String(m['@odata.type']).includes('temporaryAccessPass') && m['@sim.used'] !== true && !String(m.id).startsWith('tap-old'));
    if (!johanna || !tap) throw new Error('the issued pass is not in the simulator');
    for (const m of johanna.methods) if (String(m['@odata.type']).includes('temporaryAccessPass')) m['@sim.used'] = true;
    johanna.revision = (johanna.revision ?? 0) + 1;
    time.shift(6 * 60_000);
    const report = await stack.stack.bot.runTapMaintenance?.();
    expect(report).toBeDefined();

    const redacted = await events.waitFor((e) => e.action === 'updateMessage' && inPersonal(e) && eventText(e).includes(en.tap.redactedTitle), UI_TIMEOUT_MS, 'redacted pass message');
    expect(eventText(redacted)).not.toContain(code);
    const removed = await ui.waitForCard(en.tap.redactedTitle);
    expect(await ui.page.getByText(code).count()).toBe(0);
    await ui.shot('employee-redacted', removed);
  }, 180000);
});
