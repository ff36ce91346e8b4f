/** Answers a language command ("speak English", "language: fr", "language: auto") in the new language. */
import type { TurnContext } from 'botbuilder';
import { fill } from '../i18n/en';
import { inLocale } from '../i18n/scope';
import { saveLanguageChoice } from './conversationRefs';
import { parseLanguageCommand } from './language';
import { localeOfTurn } from './locale';
import type { AppTurnState } from './state';
import type { BotServices } from './turn';

/** The catalogues' own names (`language.name`, lower case) → locale. */
function ownNames(svc: BotServices): Map<string, string> {
  return new Map(svc.catalogues.locales.map((l) => [svc.catalogues.strings(l).language.name.toLowerCase(), l]));
}

/** True when `text` was a language command (and was answered). */
export async function handleLanguageCommand(svc: BotServices, ctx: TurnContext, state: AppTurnState, text: string): Promise<boolean> {
  const type = ctx.activity.conversation?.conversationType;
  if (type && type !== 'personal') return false;
  const command = parseLanguageCommand(text, (tag) => svc.catalogues.negotiate(tag), ownNames(svc));
  if (!command) return false;
  if (command.kind === 'set') state.conversation.language = command.requested;
  if (command.kind === 'auto') delete state.conversation.language;
  const conversationId = ctx.activity.conversation?.id;
  if (conversationId && command.kind !== 'unknown') await saveLanguageChoice(svc.deps.store, conversationId, command.kind === 'set' ? command.requested : undefined);
  const context = localeOfTurn(svc.catalogues, svc.deps.defaultLocale, state.conversation, ctx.activity);
  await inLocale(context, async () => {
    const s = context.strings.language;
    if (command.kind === 'unknown') {
      const languages = svc.catalogues.locales.map((l) => svc.catalogues.strings(l).language.name).join(', ');
      await ctx.sendActivity(fill(s.unknown, { languages }));
    } else {
      await ctx.sendActivity(command.kind === 'auto' ? s.auto : s.switched);
    }
  });
  svc.deps.logger.info({ conversationId: ctx.activity.conversation?.id, language: command.kind === 'set' ? command.requested : command.kind }, 'language choice');
  return true;
}
