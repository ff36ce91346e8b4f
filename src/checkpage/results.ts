/**
 * What the page posts, and how the server turns it into ClientFacts. The server decides what is
 * a fact (time, address family, which hosts count); the page only reports observations.
 */
import { z } from 'zod';
import { ClientFactsSchema, WebAuthnCapabilitiesSchema, type ClientFacts } from '../diagnosis/facts';
import { ipFamilyOf } from './ipFamily';

export const MAX_RESULTS_BYTES = 16 * 1024;

export const ResultsBodySchema = z
  .object({
    userAgent: z.string().max(2000),
    userAgentData: z
      .object({
        brands: z.array(z.object({ brand: z.string().max(100), version: z.string().max(50) }).strict()).max(20).optional(),
        mobile: z.boolean().optional(),
        platform: z.string().max(100).optional(),
      })
      .strict()
      .optional(),
    webauthn: z.object({ available: z.boolean(), platformAuthenticator: z.boolean().optional(), capabilities: WebAuthnCapabilitiesSchema.optional() }).strict(),
    cookies: z.boolean(),
    localStorage: z.boolean(),
    sessionStorage: z.boolean(),
    /** The browser's clock (ms since the epoch) when it sent the results. */
    clientTime: z.number().finite(),
    probes: z
      .array(
        z
          .object({
            host: z.string().min(1).max(255),
            result: z.enum(['reachable', 'unreachable', 'unknown']),
            ms: z.number().min(0).max(600000).optional(),
            via: z.enum(['fetch', 'image']).optional(),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();
export type ResultsBody = z.infer<typeof ResultsBodySchema>;

export class UnknownProbeHostError extends Error {
  constructor(readonly host: string) {
    super(`not a probed host: ${host}`);
    this.name = 'UnknownProbeHostError';
  }
}

/**
 * Builds validated ClientFacts. A host is reachable when any of its probes completed, unreachable
 * when all reported probes failed; `unknown` (an old browser's image fallback failed: cannot
 * tell) counts as neither. Throws UnknownProbeHostError for hosts outside `probedHosts`.
 */
export function buildClientFacts(body: ResultsBody, ctx: { now: Date; remoteAddress: string | undefined; probedHosts: ReadonlySet<string> }): ClientFacts {
  const reachable = new Set<string>();
  const unreachable = new Set<string>();
  for (const p of body.probes) {
    if (!ctx.probedHosts.has(p.host)) throw new UnknownProbeHostError(p.host);
    if (p.result === 'reachable') reachable.add(p.host);
    else if (p.result === 'unreachable') unreachable.add(p.host);
  }
  for (const h of reachable) unreachable.delete(h);
  const facts: ClientFacts = {
    checkedAt: ctx.now.toISOString(),
    userAgent: body.userAgent,
    webauthn: body.webauthn,
    // The sign-in pages need cookies AND web storage: any of them blocked is COOKIES_BLOCKED.
    cookiesEnabled: body.cookies && body.localStorage && body.sessionStorage,
    // Positive: the browser's clock is ahead of the server's.
    clockSkewSeconds: Math.round((body.clientTime - ctx.now.getTime()) / 1000),
    reachable: [...reachable].sort(),
    unreachable: [...unreachable].sort(),
  };
  const family = ipFamilyOf(ctx.remoteAddress);
  if (family) facts.ipFamily = family;
  return ClientFactsSchema.parse(facts);
}
