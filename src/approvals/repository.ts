/**
 * TapRequest documents in the DocumentStore. Every read is validated; every update is conditional
 * on the ETag that was read, so two writers (approvers, instances) can never both win.
 */
import { AppError } from '../shared/errors';
import { ConflictError, type DocumentStore } from '../storage/types';
import { TapRequestSchema, type TapRequest, type TapState } from './model';

export const REQUESTS_COLLECTION = 'tap-requests';

export interface Loaded {
  request: TapRequest;
  etag: string;
}

export interface ListFilter {
  tenantId?: string;
  requesterId?: string;
  states?: readonly TapState[];
}

export interface RequestRepository {
  get(id: string): Promise<Loaded | undefined>;
  /** Throws ConflictError when the id exists. */
  create(request: TapRequest): Promise<Loaded>;
  /** Conditional replace; undefined when someone else wrote first. */
  replace(current: Loaded, next: TapRequest): Promise<Loaded | undefined>;
  list(filter?: ListFilter): Promise<Loaded[]>;
}

function parse(key: string, value: unknown): TapRequest {
  const parsed = TapRequestSchema.safeParse(value);
  if (!parsed.success) throw new AppError('internal', 'stored TAP request is not valid', { details: { requestId: key } });
  return parsed.data;
}

export function createRequestRepository(store: DocumentStore): RequestRepository {
  return {
    async get(id) {
      const item = await store.get<unknown>(REQUESTS_COLLECTION, id);
      return item ? { request: parse(id, item.value), etag: item.etag } : undefined;
    },
    async create(request) {
      const etag = await store.put(REQUESTS_COLLECTION, request.id, request, { ifNoneMatch: '*' });
      return { request, etag };
    },
    async replace(current, next) {
      try {
        const etag = await store.put(REQUESTS_COLLECTION, next.id, next, { ifMatch: current.etag });
        return { request: next, etag };
      } catch (e) {
        if (e instanceof ConflictError) return undefined;
        throw e;
      }
    },
    async list(filter = {}) {
      const out: Loaded[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.list<unknown>(REQUESTS_COLLECTION, { after, limit: 500 });
        for (const item of page) {
          const request = parse(item.key, item.value);
          if (filter.tenantId !== undefined && request.tenantId !== filter.tenantId) continue;
          if (filter.requesterId !== undefined && request.requester.aadObjectId !== filter.requesterId) continue;
          if (filter.states !== undefined && !filter.states.includes(request.state)) continue;
          out.push({ request, etag: item.etag });
        }
        const last = page[page.length - 1];
        if (page.length < 500 || !last) return out;
        after = last.key;
      }
    },
  };
}
