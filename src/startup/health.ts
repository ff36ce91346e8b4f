/**
 * Liveness, readiness and draining for both services.
 * - GET /healthz (liveness, in bot/server.ts and backend/server.ts): the process answers.
 * - GET /readyz (readiness, here): the store answers and, for the bot, the backend's /healthz
 *   answers; 503 while any check fails or while the process drains for shutdown, so the load
 *   balancer stops sending new work to it.
 * - InFlight counts the turns (bot) and requests (backend) being handled, so shutdown can wait
 *   for them after it stopped accepting new ones.
 */
import type * as restify from 'restify';
import type { DocumentStore, AuditLog } from '../storage/types';
import { describeError } from '../shared/errors';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export interface Readiness {
  status: 'ready' | 'not_ready' | 'draining';
  checks: CheckResult[];
}

export interface Health {
  readiness(): Promise<Readiness>;
  startDraining(): void;
  readonly draining: boolean;
}

export interface HealthOptions {
  checks: ReadinessCheck[];
  /** Per check (default 3000 ms). */
  timeoutMs?: number;
  /** Monotonic milliseconds, for the `ms` of each check (default performance.now). */
  now?: () => number;
  /** Resolves after `ms` (default setTimeout); injected by tests. */
  after?: (ms: number) => Promise<void>;
}

const defaultAfter = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export function createHealth(opts: HealthOptions): Health {
  const now = opts.now ?? (() => performance.now());
  const after = opts.after ?? defaultAfter;
  const timeoutMs = opts.timeoutMs ?? 3000;
  let draining = false;

  const run = async (c: ReadinessCheck): Promise<CheckResult> => {
    const started = now();
    const timeout = after(timeoutMs).then(() => {
      throw new Error(`timed out after ${timeoutMs} ms`);
    });
    try {
      await Promise.race([c.check(), timeout]);
      return { name: c.name, ok: true, ms: Math.round(now() - started) };
    } catch (e) {
      // describeError gives the kind and message only: no stack, no secrets from a URL.
      return { name: c.name, ok: false, ms: Math.round(now() - started), error: describeError(e).slice(0, 300) };
    }
  };

  return {
    get draining() {
      return draining;
    },
    startDraining() {
      draining = true;
    },
    async readiness() {
      const checks = await Promise.all(opts.checks.map(run));
      const status = draining ? 'draining' : checks.every((c) => c.ok) ? 'ready' : 'not_ready';
      return { status, checks };
    },
  };
}

/** The document store answers a read (a missing key is fine). */
export function storeCheck(store: Pick<DocumentStore, 'get'>): ReadinessCheck {
  return { name: 'store', check: async () => void (await store.get('health', 'readyz')) };
}

/** The audit trail answers a query (the backend's only store). */
export function auditCheck(audit: Pick<AuditLog, 'query'>): ReadinessCheck {
  return { name: 'store', check: async () => void (await audit.query({ limit: 1 })) };
}

/** GET `url` answers 2xx (the bot checks the backend's /healthz). */
export function httpCheck(name: string, url: string, doFetch: typeof fetch = fetch): ReadinessCheck {
  return {
    name,
    check: async () => {
      const res = await doFetch(url, { method: 'GET', headers: { accept: 'application/json' } });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`${name} answered ${res.status}`);
    },
  };
}

export function registerReadiness(server: restify.Server, health: Health): void {
  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    const r = await health.readiness();
    res.header('cache-control', 'no-store');
    res.send(r.status === 'ready' ? 200 : 503, r);
  });
}

/** Counts work in progress; `idle()` resolves when none is left (or reports false on timeout). */
export class InFlight {
  private active = 0;
  private waiters: Array<() => void> = [];

  get count(): number {
    return this.active;
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      if (this.active === 0) for (const w of this.waiters.splice(0)) w();
    }
  }

  /** Enters now; the returned function leaves (idempotent), for work that ends on an event. */
  enter(): () => void {
    this.active++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.active--;
      if (this.active === 0) for (const w of this.waiters.splice(0)) w();
    };
  }

  idle(timeoutMs: number, after: (ms: number) => Promise<void> = defaultAfter): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    const done = new Promise<boolean>((resolve) => this.waiters.push(() => resolve(true)));
    return Promise.race([done, after(timeoutMs).then(() => this.active === 0)]);
  }
}

interface Processor<Req, Res extends { status(code: number): unknown; header(name: string, value: unknown): unknown; send(...args: unknown[]): unknown; end(...args: unknown[]): unknown }, Ctx> {
  process(req: Req, res: Res, logic: (context: Ctx) => Promise<void>): Promise<void>;
}

/**
 * Wraps the bot adapter: every turn is tracked, and while draining a new turn is refused with
 * 503 + Retry-After (the Bot Connector retries it, reaching another instance).
 */
export function trackTurns<Req, Res extends { status(code: number): unknown; header(name: string, value: unknown): unknown; send(...args: unknown[]): unknown; end(...args: unknown[]): unknown }, Ctx>(
  inner: Processor<Req, Res, Ctx>,
  health: Pick<Health, 'draining'>,
  inFlight: InFlight,
): Processor<Req, Res, Ctx> {
  return {
    process: async (req, res, logic) => {
      if (health.draining) {
        res.status(503);
        res.header('retry-after', '5');
        res.send({ error: { code: 'unavailable', message: 'this instance is shutting down' } });
        res.end();
        return;
      }
      await inFlight.track(() => inner.process(req, res, logic));
    },
  };
}
