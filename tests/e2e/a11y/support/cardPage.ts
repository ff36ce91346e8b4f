/**
 * One Chromium page that renders Adaptive Cards with the Adaptive Cards JavaScript renderer
 * (node_modules/adaptivecards/dist/adaptivecards.min.js) in a Teams-like host; each card replaces
 * the previous one, so a whole run needs one browser and one page.
 */
import type { Browser, Page } from 'playwright-core';
import type { AdaptiveCard } from '../../../../src/cards/renderCard';
import { TEAMS_LIGHT_CSS, TEAMS_LIGHT_HOST_CONFIG } from './teamsHost';

const SHELL = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Card</title></head>
<body><main id="host" aria-label="Card"></main></body></html>`;

/** Runs in the page: parse and render one card into <main>, report parse warnings and errors. */
const IN_PAGE = `window.__renderCard = function (json, lang) {
  document.documentElement.lang = lang;
  // The renderer checks 'lang' with a regular expression that has the g flag, so each check
  // starts where the previous one ended and every second valid value is refused: start afresh.
  AdaptiveCards.CardElement.langProperty.regEx.lastIndex = 0;
  var card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(TEAMS_LIGHT_HOST_CONFIG)});
  var context = new AdaptiveCards.SerializationContext();
  card.parse(json, context);
  var el = card.render();
  var host = document.getElementById('host');
  host.replaceChildren();
  if (el) host.appendChild(el);
  var problems = [];
  for (var i = 0; i < context.eventCount; i++) {
    var e = context.getEventAt(i);
    problems.push(e.message);
  }
  var unlabelled = [];
  var fields = document.querySelectorAll('#host input, #host textarea, #host select');
  for (var j = 0; j < fields.length; j++) {
    var f = fields[j];
    var byId = (f.getAttribute('aria-labelledby') || '').split(' ').map(function (id) { return document.getElementById(id); });
    var named = (f.labels && f.labels.length > 0) || byId.some(function (n) { return n && n.textContent.trim() !== ''; });
    if (!named) unlabelled.push(f.id + ' (' + (f.getAttribute('aria-label') || f.placeholder || 'no name') + ')');
  }
  return { rendered: !!el, problems: problems, headings: document.querySelectorAll('#host [role=heading]').length, unlabelled: unlabelled };
};`;

export interface RenderOutcome {
  rendered: boolean;
  /** The renderer's parse warnings and errors (unknown elements, bad values). */
  problems: string[];
  /** Elements a screen reader lists as headings (TextBlocks with style "heading"). */
  headings: number;
  /** Fields named only by aria-label or placeholder, with no visible label (id and that name). */
  unlabelled: string[];
}

export interface CardPage {
  page: Page;
  /** The host page is left to right; a card for a right-to-left reader must say `rtl` itself. */
  render(card: AdaptiveCard, lang: string): Promise<RenderOutcome>;
  close(): Promise<void>;
}

export async function openCardPage(browser: Browser): Promise<CardPage> {
  const context = await browser.newContext({ viewport: { width: 600, height: 900 } });
  const page = await context.newPage();
  await page.setContent(SHELL);
  await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
  await page.addStyleTag({ content: TEAMS_LIGHT_CSS });
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  await page.addScriptTag({ content: IN_PAGE });
  return {
    page,
    async render(card, lang) {
      return (await page.evaluate(`window.__renderCard(${JSON.stringify(card)}, ${JSON.stringify(lang)})`)) as RenderOutcome;
    },
    close: () => context.close(),
  };
}
