/**
 * The reader of the work in progress: locale, time zone and strings of whoever will read what is
 * being rendered (the employee of a 1:1 turn, the approver who pressed a button, the recipient of
 * a proactive message). Carried by AsyncLocalStorage so every card, notice and date formatted
 * below `inLocale(...)` uses it without threading it through each call; outside it, English.
 * The storage holds no state of its own beyond the running call chain.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Strings } from './strings';

export interface LocaleContext {
  /** The catalogue's locale (`de`, `pt-BR`, `zh-Hans`...). */
  locale: string;
  /** IANA time zone of the reader, when known. */
  timeZone?: string;
  /** The reader's own tag for dates and numbers (`de-CH` read with the `de` catalogue). */
  formatLocale?: string;
  strings: Strings;
  dir: 'ltr' | 'rtl';
}

const storage = new AsyncLocalStorage<LocaleContext>();

/** Runs `fn` (and everything it awaits) for this reader. */
export function inLocale<T>(context: LocaleContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentLocale(): LocaleContext | undefined {
  return storage.getStore();
}
