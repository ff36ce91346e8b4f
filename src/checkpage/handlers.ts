/** The two HTTP handlers of the self-check page (restify async handlers: they never call next). */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { Clock } from '../shared/clock';
import { describeError } from '../shared/errors';
import { newReference } from '../shared/ids';
import type { Logger } from '../shared/logger';
import type { DocumentStore } from '../storage/types';
import { clientAddress, type TrustedProxies } from './clientAddress';
import { checkIdOf, lookup, markUsed } from './nonces';
import { ipFamilyOf } from './ipFamily';
import { renderCheckPage } from './page/html';
import { pageLanguage } from './pageLanguage';
import type { RateLimiter } from './rateLimit';
import { readBody } from './readBody';
import { newCspNonce, refuseHtml, refuseJson, sendHtml, sendJson, type Refusal } from './respond';
import { buildClientFacts, MAX_RESULTS_BYTES, ResultsBodySchema, UnknownProbeHostError } from './results';
import { bindingOf, verifyToken, type TokenPayload } from './token';
import type { CheckResultsHandler } from './types';

export interface HandlerContext {
  store: DocumentStore;
  clock: Clock;
  logger: Logger;
  secret: string;
  probes: Array<{ host: string; url: string }>;
  probeOrigins: string[];
  probeTimeoutMs: number;
  limiter: RateLimiter;
  onResults: CheckResultsHandler;
  trustedProxies: TrustedProxies;
}

/**
 * The token from `/check/<token><suffix>`. Routes are registered as wildcards because tokens are
 * longer than restify's default route-parameter limit (maxParamLength 100). '' when no match.
 */
function tokenOf(req: Request, suffix: string): string {
  const params: unknown = req.params;
  const rest = typeof params === 'object' && params !== null && '*' in params ? params['*'] : undefined;
  if (typeof rest !== 'string' || !rest.endsWith(suffix)) return '';
  const token = rest.slice(0, rest.length - suffix.length);
  return token.includes('/') ? '' : token;
}

export function createHandlers(ctx: HandlerContext) {
  const probedHosts = new Set(ctx.probes.map((p) => p.host));

  /** Rate limit, signature, expiry, then the single-use record. Returns the payload or a refusal. */
  async function admit(req: Request, suffix: '' | '/results'): Promise<{ payload: TokenPayload; seen: NonNullable<Awaited<ReturnType<typeof lookup>>> } | { refusal: Refusal; retryAfter?: number }> {
    const token = tokenOf(req, suffix);
    const retryAfter = ctx.limiter.hit(createHash('sha256').update(token).digest('base64url'));
    if (retryAfter > 0) return { refusal: 'rate_limited', retryAfter };
    const v = verifyToken(ctx.secret, token, ctx.clock);
    if (!v.ok) return { refusal: v.reason === 'expired' ? 'expired' : 'invalid_link' };
    const seen = await lookup(ctx.store, v.payload.nonce);
    if (!seen) return { refusal: 'unknown_link' };
    if (seen.record.state === 'used') return { refusal: 'used' };
    return { payload: v.payload, seen };
  }

  function refused(method: string, why: Refusal): void {
    ctx.logger.info({ event: 'checkpage.refused', method, reason: why }, 'self-check request refused');
  }

  async function page(req: Request, res: Response): Promise<void> {
    const language = pageLanguage(req);
    try {
      const a = await admit(req, '');
      if ('refusal' in a) {
        refused('GET', a.refusal);
        refuseHtml(res, a.refusal, { retryAfter: a.retryAfter, language });
        return;
      }
      const nonce = newCspNonce();
      const family = ipFamilyOf(clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], ctx.trustedProxies));
      const html = renderCheckPage({ nonce, serverTimeMs: ctx.clock.now().getTime(), probes: ctx.probes, timeoutMs: ctx.probeTimeoutMs, ...(family ? { ipFamily: family } : {}), language });
      sendHtml(res, 200, html, nonce, ctx.probeOrigins);
    } catch (e) {
      const reference = newReference();
      ctx.logger.error({ event: 'checkpage.error', method: 'GET', reference, err: describeError(e) }, 'self-check page failed');
      if (!res.headersSent) refuseHtml(res, 'internal', { reference, language });
    }
  }

  async function results(req: Request, res: Response): Promise<void> {
    const language = pageLanguage(req);
    try {
      const a = await admit(req, '/results');
      if ('refusal' in a) {
        refused('POST', a.refusal);
        refuseJson(res, a.refusal, { retryAfter: a.retryAfter, language });
        return;
      }
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refuseJson(res, 'unsupported_media_type', { language });
      const body = await readBody(req, MAX_RESULTS_BYTES);
      if (!body.ok) {
        res.setHeader('Connection', 'close');
        return refuseJson(res, 'too_large', { language });
      }
      let json: unknown;
      try {
        json = JSON.parse(body.text);
      } catch {
        return refuseJson(res, 'bad_request', { detail: 'body is not JSON', language });
      }
      const parsed = ResultsBodySchema.safeParse(json);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ').slice(0, 500);
        refused('POST', 'bad_request');
        return refuseJson(res, 'bad_request', { detail, language });
      }
      let facts;
      try {
        facts = buildClientFacts(parsed.data, { now: ctx.clock.now(), remoteAddress: clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], ctx.trustedProxies), probedHosts });
      } catch (e) {
        if (e instanceof UnknownProbeHostError) return refuseJson(res, 'bad_request', { detail: e.message.slice(0, 300), language });
        throw e;
      }
      if (!(await markUsed(ctx.store, a.payload.nonce, a.seen, ctx.clock.now()))) {
        refused('POST', 'used');
        return refuseJson(res, 'used', { language });
      }
      const binding = bindingOf(a.payload);
      ctx.logger.info(
        { event: 'checkpage.results', tenantId: binding.tenantId, checkId: checkIdOf(a.payload.nonce), ipFamily: facts.ipFamily, unreachable: facts.unreachable?.length ?? 0 },
        'self-check results accepted',
      );
      await ctx.onResults(binding, facts);
      sendJson(res, 200, { ok: true, title: language.text.sentOkTitle, message: language.text.sentOkText });
    } catch (e) {
      const reference = newReference();
      ctx.logger.error({ event: 'checkpage.error', method: 'POST', reference, err: describeError(e) }, 'self-check results failed');
      if (!res.headersSent) refuseJson(res, 'internal', { reference, language });
    }
  }

  return { page, results };
}
