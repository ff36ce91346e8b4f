/** The audit record and query shapes every AuditLog implementation validates against (one definition). */
import { z } from 'zod';

const isoDate = (what: string) => z.string().refine((s) => !Number.isNaN(Date.parse(s)), `${what} must be an ISO date-time`);

export const AuditRecordSchema = z
  .object({
    seq: z.number().optional(),
    at: isoDate('at'),
    action: z.string().min(1).max(200),
    actor: z.string().min(1).max(200),
    subject: z.string().min(1).max(200).optional(),
    details: z.record(z.unknown()).optional(),
    correlationId: z.string().max(200).optional(),
  })
  .strict();

export const AuditQuerySchema = z
  .object({
    since: isoDate('since').optional(),
    action: z.string().optional(),
    subject: z.string().optional(),
    limit: z.number().int().min(1).max(10000).optional(),
    /** Only records after this seq (paging through an export). */
    afterSeq: z.number().int().min(0).optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
