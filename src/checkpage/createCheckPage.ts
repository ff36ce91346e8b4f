/**
 * The browser self-check page: signed single-use links, the page, and its results endpoint.
 *
 *   GET  /check/:token          the page (or a friendly HTML refusal)
 *   POST /check/:token/results  JSON results -> ClientFacts -> onResults(binding, facts), once
 */
import type { Server } from 'restify';
import { z } from 'zod';
import type { Clock } from '../shared/clock';
import { parseTrustedProxies, type TrustedProxies } from './clientAddress';
import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { DocumentStore } from '../storage/types';
import { createHandlers } from './handlers';
import { checkIdOf, recordIssued } from './nonces';
import { RateLimiter } from './rateLimit';
import { createToken, newNonce } from './token';
import type { CheckBinding, CheckPage, CheckResultsHandler } from './types';

export interface CheckPageDeps {
  store: DocumentStore;
  clock: Clock;
  logger: Logger;
  /** HMAC key for link tokens (>= 32 characters). */
  secret: string;
  ttlSeconds: number;
  /** Public origin (and optional path prefix) the employee's browser reaches the bot at. */
  publicBaseUrl: string;
  probes: Array<{ host: string; url: string }>;
  onResults: CheckResultsHandler;
  /** How long the page waits for one probe (default 5000 ms). */
  probeTimeoutMs?: number;
  /** Requests per link per window, GET and POST together (default 30 per 60 s). */
  rateLimit?: { limit: number; windowMs: number };
  /** Front ends whose X-Forwarded-For is believed (CIDRs; CHECK_TRUSTED_PROXIES). Default: none. */
  trustedProxies?: readonly string[];
}

const BindingSchema = z
  .object({ tenantId: z.string().min(1).max(100), userAadObjectId: z.string().min(1).max(100), conversationId: z.string().min(1).max(500) })
  .strict();

function validateProbes(probes: Array<{ host: string; url: string }>): { list: Array<{ host: string; url: string }>; origins: string[] } {
  const origins = new Set<string>();
  for (const p of probes) {
    let u: URL;
    try {
      u = new URL(p.url);
    } catch {
      throw new AppError('config', `check page probe is not a URL: ${p.url}`);
    }
    if ((u.protocol !== 'https:' && u.protocol !== 'http:') || !p.host) throw new AppError('config', `check page probe must be http(s) with a host name: ${p.url}`);
    origins.add(u.origin);
  }
  return { list: probes.map((p) => ({ host: p.host, url: p.url })), origins: [...origins] };
}

function parseTrusted(entries: readonly string[]): TrustedProxies {
  try {
    return parseTrustedProxies(entries);
  } catch (e) {
    throw new AppError('config', `CHECK_TRUSTED_PROXIES: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function createCheckPage(deps: CheckPageDeps): CheckPage & { register(server: Server): void } {
  if (deps.secret.length < 32) throw new AppError('config', 'check page secret must be at least 32 characters');
  if (!Number.isInteger(deps.ttlSeconds) || deps.ttlSeconds <= 0) throw new AppError('config', 'check page ttlSeconds must be a positive integer');
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  const probes = validateProbes(deps.probes);
  const logger = deps.logger.child({ component: 'checkpage' });
  const limiter = new RateLimiter(deps.clock, deps.rateLimit?.limit ?? 30, deps.rateLimit?.windowMs ?? 60000);
  const handlers = createHandlers({
    store: deps.store,
    clock: deps.clock,
    logger,
    secret: deps.secret,
    probes: probes.list,
    probeOrigins: probes.origins,
    probeTimeoutMs: deps.probeTimeoutMs ?? 5000,
    limiter,
    onResults: deps.onResults,
    trustedProxies: parseTrusted(deps.trustedProxies ?? []),
  });

  return {
    async issueLink(binding: CheckBinding): Promise<string> {
      const b = BindingSchema.parse(binding);
      const nonce = newNonce();
      const now = deps.clock.now();
      const exp = Math.floor(now.getTime() / 1000) + deps.ttlSeconds;
      await recordIssued(deps.store, nonce, exp, now);
      logger.info({ event: 'checkpage.link_issued', tenantId: b.tenantId, checkId: checkIdOf(nonce) }, 'self-check link issued');
      return `${base}/check/${createToken(deps.secret, b, nonce, exp)}`;
    },
    register(server: Server): void {
      // Wildcards: a token is longer than restify's default maxParamLength (100) for `:token`.
      server.get('/check/*', handlers.page);
      server.post('/check/*', handlers.results);
    },
  };
}
