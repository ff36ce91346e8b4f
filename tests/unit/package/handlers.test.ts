/**
 * Everything the manifest and the cards offer is handled by the bot: each manifest command is
 * understood by the real intent recognizer, and each Action.Execute verb declared in
 * src/cards/verbs.ts is routed somewhere in src/bot/ (static: the verb is named there).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createKeywordIntentRecognizer } from '../../../src/bot/intent';
import { VERBS } from '../../../src/cards/verbs';
import { extractErrorCodes } from '../../../src/diagnosis/errorCodes';

const ROOT = resolve(__dirname, '../../..');

interface Command {
  title: string;
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'appPackage', 'manifest.json'), 'utf8')) as {
  bots: Array<{ commandLists?: Array<{ scopes: string[]; commands: Command[] }> }>;
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('manifest commands and card verbs are handled', () => {
  const recognizer = createKeywordIntentRecognizer({ extractErrorCodes });
  const commands = manifest.bots.flatMap((b) => (b.commandLists ?? []).flatMap((l) => l.commands.map((c) => ({ scopes: l.scopes, title: c.title }))));

  it('the manifest offers commands in both scopes, at most 10 per list', () => {
    expect(commands.some((c) => c.scopes.includes('personal'))).toBe(true);
    expect(commands.some((c) => c.scopes.includes('team'))).toBe(true);
    for (const b of manifest.bots) for (const l of b.commandLists ?? []) expect(l.commands.length).toBeLessThanOrEqual(10);
  });

  it.each(commands.map((c) => [c.title, c.scopes.join(',')]))('the command "%s" (%s) is understood, not answered with the generic fallback', (title) => {
    expect(recognizer.recognize(title).kind).not.toBe('unknown');
  });

  it('every card verb has a handler in src/bot', () => {
    const code = sources(join(ROOT, 'src', 'bot'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unhandled = VERBS.filter((verb) => {
      // A route names the verb: a string literal (case, comparison, route list) or an object key
      // (a verb → handler table). src/cards/verbs.ts, where verbs are declared, is not scanned.
      return !new RegExp(`['"\`]${verb}['"\`]|^\\s*${verb}\\s*:`, 'm').test(code);
    });
    expect(unhandled).toEqual([]);
  });
});
