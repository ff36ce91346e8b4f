/** Reads every page of a Graph collection (each page one request, through the budgeted executor). */
import { graphErrorCode, isOk } from '../graph/parse';
import { relativeNextLink } from '../graph/requests';
import { newMeter } from '../graph/retry';
import { FollowerError, type FollowerDeps } from './types';

const MAX_PAGES = 200;

export async function walk(deps: FollowerDeps, url: string, onPage: (items: Array<Record<string, unknown>>) => Promise<void>): Promise<number> {
  let next: string | undefined = url;
  let pages = 0;
  while (next !== undefined && pages < MAX_PAGES) {
    const reply = await deps.executor.send({ id: 'page', method: 'GET', url: next }, newMeter());
    if (!isOk(reply)) throw new FollowerError(`${graphErrorCode(reply)} (${reply.status}) reading ${url.split('?')[0] ?? url}`, reply.status);
    const body = reply.body as { value?: unknown; '@odata.nextLink'?: unknown } | null;
    if (!body || !Array.isArray(body.value)) throw new FollowerError(`no value array reading ${url.split('?')[0] ?? url}`, 502);
    await onPage(body.value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null));
    pages++;
    const link = body['@odata.nextLink'];
    next = typeof link === 'string' ? relativeNextLink(link, deps.baseUrl) : undefined;
  }
  return pages;
}

/** Records a run's outcome in the follower's progress. */
export async function recorded(deps: FollowerDeps, name: string, body: (startedAt: string) => Promise<{ watermark?: string; dataAsOf?: string } | void>): Promise<void> {
  const startedAt = deps.clock.now().toISOString();
  const before = (await deps.store.progress(name)) ?? {};
  try {
    const out = (await body(startedAt)) ?? {};
    await deps.store.setProgress(name, {
      ...before,
      ...out,
      lastAttemptAt: startedAt,
      lastSuccessAt: startedAt,
      lastError: undefined,
    });
  } catch (e) {
    await deps.store.setProgress(name, { ...before, lastAttemptAt: startedAt, lastError: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}
