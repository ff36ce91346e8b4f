/**
 * The shared Playground harness itself (tests/e2e/support/playground.ts): acting as another mock
 * user, switching chats and reading the WebSocket stream — what the helpdesk e2e tests build on.
 */
import type { Browser } from 'playwright-core';
import { en } from '../../../src/i18n/en';
import { CHROMIUM_INSTALL_TIMEOUT_MS, launchChromium } from '../support/chromium';
import { eventText, openPlayground, PLAYGROUND_IDS, PlaygroundStream, postAs, startE2eStack, type E2eStack, type PlaygroundUi } from '../support/playground';

describe('Playground harness', () => {
  let browser: Browser | undefined;
  let e2e: E2eStack | undefined;
  let stream: PlaygroundStream | undefined;
  let ui: PlaygroundUi | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    e2e = await startE2eStack();
    stream = await PlaygroundStream.connect(e2e.playgroundUrl);
  }, CHROMIUM_INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    await ui?.close();
    await stream?.close().catch(() => undefined);
    await e2e?.close();
    await browser?.close().catch(() => undefined);
  });

  it('when another mock user @mentions the bot in the helpdesk channel, the bot answers that user there and the channel shows it', async () => {
    if (!browser || !e2e || !stream) throw new Error('harness did not start');
    const diego = e2e.others.find((u) => u.name === 'Diego Siciliani');
    expect(diego?.id).toBe('user-af79facc-cac5-4005-9470-65624b2f36fa');
    if (!diego) return;
    ui = await openPlayground(browser, e2e, { prefix: 'harness' });

    await postAs(e2e, diego, PLAYGROUND_IDS.helpdeskChannel, 'hi');

    // Whatever the bot answers in a channel, it arrives in that channel and the UI shows it there.
    const reply = await stream.waitFor(
      (e) => e.action === 'createMessage' && String(e.actionConversationId).startsWith(PLAYGROUND_IDS.helpdeskChannel),
      20000,
      'the bot reply in the channel',
    );
    const text = eventText(reply).split('\n')[0]?.slice(0, 40) ?? '';
    expect(text.length).toBeGreaterThan(0);
    await ui.openChat('helpdesk');
    await ui.page.getByText(text).first().waitFor({ state: 'visible', timeout: 20000 });
    await ui.shot('helpdesk-channel');
    // And back: the personal chat still has the welcome card from the install.
    await ui.openChat('personal');
    await ui.waitForCard(en.welcome.title);
  }, 60000);
});
