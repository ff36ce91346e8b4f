/**
 * Helpdesk tickets (escalations that need no pass: admin fixes, joined devices, risk, refused
 * requests) and security incidents ("This wasn't me"). Stored per id; every change is conditional.
 */
import { z } from 'zod';
import { ConflictError, type DocumentStore } from '../../storage/types';
import { FindingDetailSchema } from '../tap/threads';
import { ContactSchema } from './contact';

export const TICKETS_COLLECTION = 'helpdesk-tickets';

const PersonRef = z.object({ aadObjectId: z.string(), name: z.string() });

export const TicketSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  kind: z.enum(['ticket', 'incident']),
  employeeId: z.string(),
  employeeName: z.string(),
  reference: z.string(),
  note: z.string().max(1000).optional(),
  /** Account, directory phone numbers and manager, for the call-back (absent on older tickets). */
  contact: ContactSchema.optional(),
  findings: z.array(FindingDetailSchema),
  state: z.enum(['open', 'assigned', 'resolved']),
  assignee: PersonRef.optional(),
  resolvedBy: PersonRef.optional(),
  resolvedAt: z.string().optional(),
  channel: z.object({ conversationId: z.string(), activityId: z.string(), reference: z.record(z.unknown()) }).optional(),
  createdAt: z.string(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export type TicketChange = { ok: true; ticket: Ticket } | { ok: false; reason: 'not_found' | 'conflict' | 'resolved'; ticket?: Ticket };

export interface TicketStore {
  create(ticket: Ticket): Promise<void>;
  get(id: string): Promise<Ticket | undefined>;
  /** Applies `change` only if nobody wrote since the read (a lost race is `conflict`). */
  change(id: string, change: (t: Ticket) => Ticket): Promise<TicketChange>;
  attachPost(id: string, channel: NonNullable<Ticket['channel']>): Promise<void>;
}

export function createTicketStore(store: DocumentStore): TicketStore {
  async function load(id: string) {
    const item = await store.get<unknown>(TICKETS_COLLECTION, id);
    const parsed = item ? TicketSchema.safeParse(item.value) : undefined;
    return item && parsed?.success ? { ticket: parsed.data, etag: item.etag } : undefined;
  }
  const api: TicketStore = {
    async create(ticket) {
      await store.put(TICKETS_COLLECTION, ticket.id, TicketSchema.parse(ticket), { ifNoneMatch: '*' });
    },
    async get(id) {
      return (await load(id))?.ticket;
    },
    async change(id, change) {
      const current = await load(id);
      if (!current) return { ok: false, reason: 'not_found' };
      if (current.ticket.state === 'resolved') return { ok: false, reason: 'resolved', ticket: current.ticket };
      const next = TicketSchema.parse(change(current.ticket));
      try {
        await store.put(TICKETS_COLLECTION, id, next, { ifMatch: current.etag });
        return { ok: true, ticket: next };
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        return { ok: false, reason: 'conflict', ticket: (await load(id))?.ticket };
      }
    },
    async attachPost(id, channel) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const current = await load(id);
        if (!current) return;
        try {
          await store.put(TICKETS_COLLECTION, id, { ...current.ticket, channel }, { ifMatch: current.etag });
          return;
        } catch (e) {
          if (!(e instanceof ConflictError)) throw e;
        }
      }
    },
  };
  return api;
}
