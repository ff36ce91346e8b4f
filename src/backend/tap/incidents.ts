/**
 * Incidents the backend raised ("This wasn't me"), collection `backend-incidents`. The bot posts
 * each to the helpdesk channel and then records it posted; until then it is listed as pending, so
 * the card reaches the helpdesk even when the employee's chat (possibly the attacker's) fails.
 */
import { AppError } from '../../shared/errors';
import { ConflictError, type DocumentStore } from '../../storage/types';
import { IncidentSchema, type Incident } from '../api';

export const INCIDENTS_COLLECTION = 'backend-incidents';

export interface IncidentStore {
  create(incident: Incident): Promise<void>;
  get(id: string): Promise<Incident | undefined>;
  pending(): Promise<Incident[]>;
  /** Idempotent; false when there is no such incident. */
  markPosted(id: string, at: string): Promise<boolean>;
}

export function createIncidentStore(store: DocumentStore): IncidentStore {
  const read = async (id: string) => {
    const item = await store.get<unknown>(INCIDENTS_COLLECTION, id);
    if (!item) return undefined;
    const parsed = IncidentSchema.safeParse(item.value);
    if (!parsed.success) throw new AppError('internal', 'stored incident is not valid', { details: { incidentId: id } });
    return { incident: parsed.data, etag: item.etag };
  };
  return {
    async create(incident) {
      await store.put(INCIDENTS_COLLECTION, incident.incidentId, incident, { ifNoneMatch: '*' });
    },
    get: async (id) => (await read(id))?.incident,
    async pending() {
      const all = await store.list<unknown>(INCIDENTS_COLLECTION);
      return all
        .map((i) => IncidentSchema.safeParse(i.value))
        .flatMap((p) => (p.success && !p.data.postedAt ? [p.data] : []))
        .sort((a, b) => a.containedAt.localeCompare(b.containedAt));
    },
    async markPosted(id, at) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await read(id);
        if (!current) return false;
        if (current.incident.postedAt) return true;
        try {
          await store.put(INCIDENTS_COLLECTION, id, { ...current.incident, postedAt: at }, { ifMatch: current.etag });
          return true;
        } catch (e) {
          if (!(e instanceof ConflictError)) throw e;
        }
      }
      throw new AppError('conflict', 'the incident is changing too often; try again');
    },
  };
}
