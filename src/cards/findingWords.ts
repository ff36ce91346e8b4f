/**
 * A finding in the reader's words. The backend words findings in English and sends their code
 * and data (`vars`); a reader of another language gets title and steps worded again from their
 * catalogue (findings.<CODE>.*). English readers keep the backend's words.
 */
import { wordFinding } from '../diagnosis/strings/en';
import { FINDING_CODES, type Finding, type FindingCode } from '../diagnosis/types';
import { en, type Strings } from '../i18n/en';

const isCode = (c: string): c is FindingCode => (FINDING_CODES as readonly string[]).includes(c);

export function inReaderWords(strings: Strings, f: Finding): Finding {
  if (strings === en || !isCode(f.code)) return f;
  const words = wordFinding(strings, f.code, f.vars ?? {});
  // The clarifying answer about the device replaced the steps (src/bot/clarify/adjust.ts).
  const device = f.code === 'CA_REQUIRES_COMPLIANT_DEVICE' ? f.evidence.deviceInUse : undefined;
  const adjusted = device === 'company' || device === 'personal' ? strings.clarify.deviceAdvice[device] : undefined;
  return { ...f, title: words.title, steps: adjusted ? [...adjusted] : words.steps };
}
