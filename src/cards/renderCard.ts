/**
 * Binds the JSON templates in adaptiveCards/ with adaptivecards-templating. Templates are read
 * once per renderer (create one renderer in the composition root or in createApp).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { languageOf } from '../i18n/negotiate';
import { currentLocale } from '../i18n/scope';

export type AdaptiveCard = Record<string, unknown>;

export const TEMPLATE_NAMES = [
  'welcome',
  'askError',
  'errorCode',
  'checkLink',
  'findings',
  'fixStep',
  'escalationOffer',
  'devices',
  'confirmDevice',
  'notice',
  'clarify',
  // helpdesk channel and Temporary Access Pass approval
  'tapRequest',
  'tapPass',
  'tapWatch',
  'tapInfo',
  'managerConfirm',
  'ticket',
  'escalationRecovery',
  // Verified ID Face Check (employee's 1:1 chat)
  'faceCheck',
  // registration-nudge campaigns
  'nudge',
  'campaignStatus',
  'campaignResults',
  // the passkey guide
  'passkeyGuide',
  // "Did it stay fixed?" (src/insights/followUp.ts)
  'followUp',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface CardRenderer {
  render(name: TemplateName, data: object): AdaptiveCard;
}

/** adaptiveCards/ lives at the repo root; this file runs from src/cards or dist/src/cards. */
export function defaultTemplatesDir(): string {
  const candidates = [path.resolve(__dirname, '..', '..', 'adaptiveCards'), path.resolve(__dirname, '..', '..', '..', 'adaptiveCards')];
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'welcome.json')));
  return found ?? candidates[0] ?? 'adaptiveCards';
}

export function loadTemplate(dir: string, name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as unknown;
}

/**
 * The reader's language on the card (`lang`), right to left for Arabic and other RTL scripts (`rtl`, schema 1.5).
 * The schema allows only a 2–3 letter language code in `lang` (renderers drop `pt-BR` or `zh-Hans` with a warning).
 */
function withReaderLanguage(card: AdaptiveCard): AdaptiveCard {
  const reader = currentLocale();
  if (!reader || reader.locale === 'en') return card;
  return { ...card, lang: languageOf(reader.locale), ...(reader.dir === 'rtl' ? { rtl: true } : {}) };
}

export function createCardRenderer(opts: { dir?: string } = {}): CardRenderer {
  const dir = opts.dir ?? defaultTemplatesDir();
  const cache = new Map<string, ACData.Template>();
  return {
    render(name, data) {
      let template = cache.get(name);
      if (!template) {
        template = new ACData.Template(loadTemplate(dir, name));
        cache.set(name, template);
      }
      const card: unknown = template.expand({ $root: data });
      if (typeof card !== 'object' || card === null || Array.isArray(card)) throw new Error(`template ${name} did not expand to a card`);
      return withReaderLanguage(card as AdaptiveCard);
    },
  };
}
