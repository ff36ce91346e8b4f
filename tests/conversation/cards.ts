/** Reading what the bot sent: the card (message attachment or invoke response), its texts and actions. */
import type { Activity } from 'botbuilder';
import type { Harness } from './harness';

export type Card = Record<string, unknown>;
export interface CardAction {
  type: string;
  title?: string;
  verb?: string;
  url?: string;
  style?: string;
  data?: Record<string, unknown>;
}

export function cardFrom(activity: Partial<Activity> | undefined): Card {
  if (!activity) throw new Error('no activity');
  if (activity.type === 'invokeResponse') {
    const body = (activity.value as { body?: { type?: string; value?: unknown } }).body;
    if (body?.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`invoke response is not a card: ${JSON.stringify(body)}`);
    return body.value as Card;
  }
  const attachment = activity.attachments?.[0];
  if (attachment?.contentType !== 'application/vnd.microsoft.card.adaptive') throw new Error(`not a card: ${JSON.stringify(activity)}`);
  return attachment.content as Card;
}

function walk(node: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    visit(o);
    for (const v of Object.values(o)) walk(v, visit);
  }
}

/** TextBlock texts and FactSet rows, in document order. */
export function texts(card: Card): string[] {
  const out: string[] = [];
  walk(card.body, (o) => {
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (typeof o.title === 'string' && typeof o.value === 'string' && o.type === undefined) out.push(`${o.title}: ${o.value}`);
  });
  return out;
}

export function allText(card: Card): string {
  return [...texts(card), ...actions(card).map((a) => a.title ?? '')].join('\n');
}

export function actions(card: Card): CardAction[] {
  const out: CardAction[] = [];
  walk(card.body, (o) => {
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o as unknown as CardAction);
  });
  return out;
}

export function action(card: Card, verb: string, pick: (a: CardAction) => boolean = () => true): CardAction {
  const found = actions(card).find((a) => a.verb === verb && pick(a));
  if (!found) throw new Error(`no ${verb} action on card: ${actions(card).map((a) => a.verb ?? a.type).join(', ')}`);
  return found;
}

/** Presses a button exactly as Teams would: its verb with its data. */
export async function pressOn(h: Harness, card: Card, verb: string, pick?: (a: CardAction) => boolean) {
  const a = action(card, verb, pick);
  return h.press(verb, a.data ?? {});
}

/** The findings card's root-cause title: the text right after "Most likely cause". */
export function rootTitle(card: Card): string | undefined {
  const t = texts(card);
  const at = t.indexOf('Most likely cause');
  return at >= 0 ? t[at + 1] : undefined;
}
