/** Accumulates the pages of one Graph collection source across rounds. */
import type { z } from 'zod';
import { isOk, parseCollection } from './parse';
import type { GraphReply } from './transport';

export const MAX_PAGES = 5;

export class Collector<S extends z.ZodTypeAny> {
  readonly items: Array<z.infer<S>> = [];
  invalid = 0;
  failure: GraphReply | undefined;
  nextLink: string | undefined;
  pages = 0;

  constructor(private readonly schema: S) {}

  absorb(reply: GraphReply | undefined): void {
    this.nextLink = undefined;
    if (!reply) return;
    if (!isOk(reply)) {
      // A failed later page keeps what the earlier pages gave.
      if (this.pages === 0) this.failure = reply;
      return;
    }
    const page = parseCollection(this.schema, reply);
    if (!page) {
      if (this.pages === 0) this.failure = { status: 502, headers: {}, body: { error: { code: 'invalid_response', message: 'no value array' } } };
      return;
    }
    this.pages++;
    this.items.push(...page.items);
    this.invalid += page.invalid;
    if (page.nextLink && this.pages < MAX_PAGES) this.nextLink = page.nextLink;
  }

  get ok(): boolean {
    return this.failure === undefined;
  }
}
