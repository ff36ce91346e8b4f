/**
 * Every card template, filled by the bot's own renderers with realistic data, rendered to HTML by
 * the Adaptive Cards JavaScript renderer in a Teams-like host in headless Chromium, then checked
 * by axe-core against WCAG 2.2 AA, in every locale that has a catalogue in locales/.
 * One browser and one page for the whole run: each card replaces the previous one.
 */
import type { Browser } from 'playwright-core';
import { cardSamples } from '../../unit/cards/samples';
import { CHROMIUM_INSTALL_TIMEOUT_MS, launchChromium } from '../support/chromium';
import { blocking, describeViolations, runAxe, writeViolationReport, type Violation } from './support/axe';
import { openCardPage, type CardPage } from './support/cardPage';
import { cardLocales, ROOT } from './support/locales';

const LOCALES = cardLocales();

describe('cards are accessible as rendered by the Adaptive Cards JavaScript renderer', () => {
  let browser: Browser;
  let cards: CardPage;
  const found: Record<string, Violation[]> = {};

  beforeAll(async () => {
    browser = await launchChromium();
    cards = await openCardPage(browser);
  }, CHROMIUM_INSTALL_TIMEOUT_MS);
  afterAll(async () => {
    writeViolationReport(ROOT, 'a11y-cards', found);
    await cards?.close();
    await browser?.close();
  });

  it.each(LOCALES.map((l) => [l.locale, l] as const))('in %s, every card renders without serious or critical WCAG 2.2 AA violations', async (_tag, loc) => {
    const failures: string[] = [];
    for (const [name, , render] of cardSamples(loc.ctx)) {
      const outcome = await cards.render(loc.asReader(render), loc.locale);
      expect([name, outcome.rendered, outcome.problems, outcome.headings > 0]).toEqual([name, true, [], true]);
      // axe accepts a placeholder as a name; a person needs a visible label that stays when they type.
      failures.push(...outcome.unlabelled.map((f) => `${loc.locale} ${name}: input without a visible label: ${f}`));
      const vs = await runAxe(cards.page);
      found[`${loc.locale} ${name}`] = vs;
      failures.push(...describeViolations(`${loc.locale} ${name}`, blocking(vs)));
    }
    expect(failures).toEqual([]);
  }, 120000);

  it('right-to-left catalogues (Arabic) give cards that lay out right to left inside a left-to-right host', async () => {
    const rtl = LOCALES.filter((l) => l.dir === 'rtl');
    expect(rtl.map((l) => l.locale)).toContain('ar');
    for (const loc of rtl) {
      const [, , render] = cardSamples(loc.ctx)[0] ?? [];
      if (!render) throw new Error('no card samples');
      const card = loc.asReader(render);
      expect([card.lang, card.rtl]).toEqual([loc.locale.split('-')[0], true]);
      await cards.render(card, loc.locale);
      expect(await cards.page.evaluate('getComputedStyle(document.querySelector("#host .ac-adaptiveCard")).direction')).toBe('rtl');
    }
  }, 30000);
});
