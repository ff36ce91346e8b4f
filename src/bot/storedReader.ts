/**
 * The language of a proactive message (pass delivery, notices after a decision, nudges): the
 * recipient's own choice, else the Teams language and time zone stored from their last activity
 * with the conversation reference, else the tenant default. The helpdesk channel, read by many,
 * gets the tenant default.
 */
import { catalogues as sharedCatalogues, type Catalogues } from '../i18n/catalogues';
import { inLocale } from '../i18n/scope';
import type { StoredReference } from './conversationRefs';
import { localeFor } from './locale';

export interface LocaleDefaults {
  catalogues?: Catalogues;
  /** The tenant default locale (default `en`). */
  defaultLocale?: string;
}

/** Runs `fn` in the language of the person behind `stored`. */
export function inRecipientLocale<T>(defaults: LocaleDefaults, stored: StoredReference | undefined, fn: () => T): T {
  const reader = { ...(stored?.reference.locale ? { locale: stored.reference.locale } : {}), ...(stored?.timeZone ? { timeZone: stored.timeZone } : {}) };
  return inLocale(localeFor(defaults.catalogues ?? sharedCatalogues(), reader, defaults.defaultLocale, stored?.language), fn);
}

/** Runs `fn` in the tenant default language (shared channels). */
export function inTenantLocale<T>(defaults: LocaleDefaults, fn: () => T): T {
  return inLocale(localeFor(defaults.catalogues ?? sharedCatalogues(), {}, defaults.defaultLocale), fn);
}
