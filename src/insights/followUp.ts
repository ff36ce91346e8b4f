/**
 * "Did it stay fixed?": a rescue that ended "fixed" is followed up once, `hours` later. When due,
 * Graph is asked whether the employee is now registered (the registration state the backend reads),
 * the question goes to the employee's 1:1 chat, and both the question and the answer (with
 * registration re-checked then) are audited as `flow.follow_up_asked` / `flow.follow_up`.
 *
 * Storage: `follow-ups` (key flowId: the state) and `follow-ups-due` (key `<dueAt>|<flowId>`, in
 * time order, deleted once acted on), so a tick reads only what is due. The question is claimed
 * with a conditional write before it is sent, so two instances never both ask; a failed send is
 * recorded as failed and never re-sent (the connector cannot tell whether it arrived).
 */
import { z } from 'zod';
import type { Clock } from '../shared/clock';
import { describeError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { ConflictError, type AuditLog, type DocumentStore } from '../storage/types';
import type { FollowUpAnswer } from './stayedFixed';

export const FOLLOW_UPS = 'follow-ups';
export const FOLLOW_UPS_DUE = 'follow-ups-due';

const FollowUpSchema = z.object({
  flowId: z.string().min(1).max(64),
  user: z.string().min(1).max(100),
  tenantId: z.string().max(100),
  conversationId: z.string().min(1).max(500),
  /** When the rescue ended (the question names it). */
  fixedAt: z.string(),
  dueAt: z.string(),
  state: z.enum(['scheduled', 'asked', 'answered', 'failed']),
  askedAt: z.string().optional(),
  answeredAt: z.string().optional(),
  answer: z.enum(['stayed_fixed', 'broke_again']).optional(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export interface FollowUpPorts {
  /** Graph's word on whether the employee is MFA-registered now; undefined when it cannot say. */
  registered(userId: string): Promise<boolean | undefined>;
  /** Sends the question to the employee's 1:1 chat. */
  ask(followUp: FollowUp): Promise<void>;
}

export interface FollowUpDeps {
  store: DocumentStore;
  audit?: AuditLog;
  clock: Clock;
  logger: Logger;
  /** Hours after the fix; 0 = never ask. */
  hours: number;
  ports: FollowUpPorts;
}

export type AnswerResult = { ok: true; fixedAt: string; registered?: boolean } | { ok: false; why: 'unknown' | 'foreign' | 'already'; fixedAt?: string };

export function createFollowUps(d: FollowUpDeps) {
  const log = d.logger.child({ component: 'follow-ups' });
  const load = async (flowId: string) => {
    const item = await d.store.get<unknown>(FOLLOW_UPS, flowId);
    const parsed = item ? FollowUpSchema.safeParse(item.value) : undefined;
    return item && parsed?.success ? { value: parsed.data, etag: item.etag } : undefined;
  };
  const record = async (action: string, actor: string, f: FollowUp, details: Record<string, unknown>) => {
    try {
      await d.audit?.append({ at: d.clock.now().toISOString(), action, actor, subject: f.user, details: { flowId: f.flowId, ...details } });
    } catch (e) {
      log.error({ action, flowId: f.flowId, err: describeError(e) }, 'follow-up not audited');
    }
  };
  const registeredOf = (user: string) => d.ports.registered(user).catch((e: unknown) => (log.warn({ err: describeError(e) }, 'registration not confirmed'), undefined));

  /** Asks every follow-up that is due; returns how many were asked. */
  async function runDue(limit = 100): Promise<number> {
    const now = d.clock.now().toISOString();
    let asked = 0;
    for (const entry of await d.store.list<{ flowId?: string }>(FOLLOW_UPS_DUE, { limit })) {
      if ((entry.key.split('|')[0] ?? '') > now) break;
      const loaded = await load(entry.key.slice(entry.key.indexOf('|') + 1));
      if (loaded?.value.state === 'scheduled' && (await askOne(loaded.value, loaded.etag, now))) asked++;
      await d.store.delete(FOLLOW_UPS_DUE, entry.key);
    }
    return asked;
  }

  async function askOne(f: FollowUp, etag: string, now: string): Promise<boolean> {
    const claimed: FollowUp = { ...f, state: 'asked', askedAt: now };
    try {
      await d.store.put(FOLLOW_UPS, claimed.flowId, claimed, { ifMatch: etag });
    } catch (e) {
      if (e instanceof ConflictError) return false; // another instance asks
      throw e;
    }
    const registered = await registeredOf(claimed.user);
    try {
      await d.ports.ask(claimed);
    } catch (e) {
      log.warn({ flowId: claimed.flowId, err: describeError(e) }, 'follow-up question not sent; not retried');
      await d.store.put(FOLLOW_UPS, claimed.flowId, { ...claimed, state: 'failed' });
      return false;
    }
    await record('flow.follow_up_asked', 'system', claimed, { fixedAt: claimed.fixedAt, ...(registered === undefined ? {} : { registered }) });
    return true;
  }

  return {
    runDue,
    /** After "It worked": one follow-up per rescue (a second call for the same flow does nothing). */
    async schedule(input: Pick<FollowUp, 'flowId' | 'user' | 'tenantId' | 'conversationId'>): Promise<void> {
      if (d.hours <= 0) return;
      const now = d.clock.now();
      const dueAt = new Date(now.getTime() + d.hours * 3_600_000).toISOString();
      const f: FollowUp = { ...input, fixedAt: now.toISOString(), dueAt, state: 'scheduled' };
      try {
        await d.store.put(FOLLOW_UPS, f.flowId, f, { ifNoneMatch: '*' });
      } catch (e) {
        if (e instanceof ConflictError) return;
        throw e;
      }
      await d.store.put(FOLLOW_UPS_DUE, `${dueAt}|${f.flowId}`, { flowId: f.flowId });
    },

    /** The employee's answer; registration is confirmed from Graph again at this moment. */
    async answer(flowId: string, user: string | undefined, answer: FollowUpAnswer): Promise<AnswerResult> {
      const loaded = await load(flowId);
      if (!loaded || loaded.value.state === 'scheduled') return { ok: false, why: 'unknown' };
      if (!user || loaded.value.user !== user) return { ok: false, why: 'foreign' };
      if (loaded.value.state === 'answered') return { ok: false, why: 'already', fixedAt: loaded.value.fixedAt };
      const now = d.clock.now().toISOString();
      try {
        await d.store.put(FOLLOW_UPS, flowId, { ...loaded.value, state: 'answered', answer, answeredAt: now }, { ifMatch: loaded.etag });
      } catch (e) {
        if (e instanceof ConflictError) return { ok: false, why: 'already', fixedAt: loaded.value.fixedAt };
        throw e;
      }
      const registered = await registeredOf(user);
      await record('flow.follow_up', user, loaded.value, { answer, fixedAt: loaded.value.fixedAt, ...(registered === undefined ? {} : { registered }) });
      return { ok: true, fixedAt: loaded.value.fixedAt, ...(registered === undefined ? {} : { registered }) };
    },

    /** Runs runDue now and every `intervalMs`; never two at once. Returns stop(). */
    start(intervalMs: number, timers: { setInterval(fn: () => void, ms: number): { unref?: () => void }; clearInterval(h: unknown): void } = globalThis): () => void {
      let running = false;
      const tick = () => {
        if (running) return;
        running = true;
        runDue()
          .then((n) => n > 0 && log.info({ asked: n }, 'follow-ups asked'))
          .catch((e: unknown) => log.warn({ err: describeError(e) }, 'follow-ups failed; next time'))
          .finally(() => (running = false));
      };
      const handle = timers.setInterval(tick, intervalMs);
      handle.unref?.();
      return () => timers.clearInterval(handle);
    },
  };
}

export type FollowUps = ReturnType<typeof createFollowUps>;
