/**
 * "speak English", "sprich Deutsch", "parle français", "language: fr", "language: auto": the
 * employee's own language choice, which wins over the Teams language. Recognised before any
 * intent, in the languages the bot speaks; the name may be a code (`pt-BR`), an English or a
 * native name, or the name a catalogue gives itself (`language.name`).
 */

/** `auto` = follow the Teams language again. */
export type LanguageCommand = { kind: 'set'; requested: string } | { kind: 'auto' } | { kind: 'unknown'; requested: string };

const VERB = /^(?:please\s+)?(?:speak|talk|answer\s+in|reply\s+in|switch\s+to|sprich|sprechen\s+sie|sprechen|rede|antworte\s+auf|parle|parlez|réponds\s+en|habla|hable|responde\s+en|fala|fale|parla|spreek|praat|mów|mow|mówić\s+po|話して|说|講)\s+(?:in\s+|auf\s+|en\s+|em\s+|in\s+|po\s+)?(.{2,30}?)\s*[.!]?$/iu;
// "language: fr", "language pt" (one word without the colon: "language of the error" is no command).
const LABEL = /^(?:language|lang|locale|sprache|langue|idioma|lingua|taal|język|jezyk|言語|语言|اللغة)(?:\s*[:=：]\s*(.{2,30}?)|\s+(\S{2,20}))\s*[.!]?$/iu;
const AUTO = /^(?:auto|automatic|default|teams|automatisch|automatique|automático|automatico)$/iu;

/** Names (lower case) → catalogue tag. Codes are matched by negotiation, not listed here. */
const NAMES: Readonly<Record<string, string>> = {
  english: 'en', englisch: 'en', anglais: 'en', inglés: 'en', ingles: 'en', inglês: 'en', inglese: 'en', engels: 'en', angielski: 'en', angielsku: 'en', 英語: 'en', 英语: 'en', الإنجليزية: 'en',
  german: 'de', deutsch: 'de', allemand: 'de', alemán: 'de', aleman: 'de', alemão: 'de', tedesco: 'de', duits: 'de', niemiecki: 'de', niemiecku: 'de', ドイツ語: 'de', 德语: 'de', الألمانية: 'de',
  french: 'fr', français: 'fr', francais: 'fr', französisch: 'fr', francés: 'fr', frances: 'fr', francês: 'fr', francese: 'fr', frans: 'fr', francuski: 'fr', francusku: 'fr', フランス語: 'fr', 法语: 'fr', الفرنسية: 'fr',
  spanish: 'es', español: 'es', espanol: 'es', spanisch: 'es', espagnol: 'es', espanhol: 'es', spagnolo: 'es', spaans: 'es', hiszpański: 'es', スペイン語: 'es', 西班牙语: 'es', الإسبانية: 'es',
  portuguese: 'pt-BR', português: 'pt-BR', portugues: 'pt-BR', portugiesisch: 'pt-BR', portugais: 'pt-BR', portugués: 'pt-BR', portoghese: 'pt-BR', portugees: 'pt-BR', portugalski: 'pt-BR', ポルトガル語: 'pt-BR', 葡萄牙语: 'pt-BR', البرتغالية: 'pt-BR',
  italian: 'it', italiano: 'it', italienisch: 'it', italien: 'it', italiaans: 'it', włoski: 'it', イタリア語: 'it', 意大利语: 'it', الإيطالية: 'it',
  dutch: 'nl', nederlands: 'nl', niederländisch: 'nl', néerlandais: 'nl', neerlandés: 'nl', holandês: 'nl', olandese: 'nl', niderlandzki: 'nl', オランダ語: 'nl', 荷兰语: 'nl', الهولندية: 'nl',
  polish: 'pl', polski: 'pl', polsku: 'pl', polnisch: 'pl', polonais: 'pl', polaco: 'pl', polonês: 'pl', polacco: 'pl', pools: 'pl', ポーランド語: 'pl', 波兰语: 'pl', البولندية: 'pl',
  japanese: 'ja', 日本語: 'ja', japanisch: 'ja', japonais: 'ja', japonés: 'ja', japonês: 'ja', giapponese: 'ja', japans: 'ja', japoński: 'ja', 日语: 'ja', اليابانية: 'ja',
  chinese: 'zh-Hans', 中文: 'zh-Hans', 简体中文: 'zh-Hans', 汉语: 'zh-Hans', chinesisch: 'zh-Hans', chinois: 'zh-Hans', chino: 'zh-Hans', chinês: 'zh-Hans', cinese: 'zh-Hans', chinees: 'zh-Hans', chiński: 'zh-Hans', 中国語: 'zh-Hans', الصينية: 'zh-Hans',
  arabic: 'ar', العربية: 'ar', عربي: 'ar', arabisch: 'ar', arabe: 'ar', árabe: 'ar', arabo: 'ar', arabski: 'ar', アラビア語: 'ar', 阿拉伯语: 'ar',
};

const CODE = /^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/i;

/**
 * The language command in `text`, or undefined when it is not one. `names` are the catalogues'
 * own names (lower case → tag), `negotiate` finds the catalogue for a code.
 */
export function parseLanguageCommand(text: string, negotiate: (tag: string) => string | undefined, names: ReadonlyMap<string, string> = new Map()): LanguageCommand | undefined {
  const trimmed = text.trim();
  const labelled = LABEL.exec(trimmed);
  const requested = (labelled ? (labelled[1] ?? labelled[2]) : VERB.exec(trimmed)?.[1])?.trim();
  if (!requested) return undefined;
  if (AUTO.test(requested)) return { kind: 'auto' };
  const lower = requested.toLowerCase();
  // Codes only after "language:" ("use it" is not Italian).
  const tag = NAMES[lower] ?? names.get(lower) ?? (labelled && CODE.test(requested) ? requested : undefined);
  const found = tag ? negotiate(tag) : undefined;
  if (found) return { kind: 'set', requested: found };
  // "speak slowly" is no language command; "language: klingon" is one we cannot serve.
  return labelled || tag ? { kind: 'unknown', requested } : undefined;
}
