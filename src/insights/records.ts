/** Every audit record, oldest first, paged by seq (the insights read the whole trail). */
import type { AuditLog, AuditRecord } from '../storage/types';

export async function readAllRecords(log: Pick<AuditLog, 'query'>, pageSize = 1000): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  let after = 0;
  for (;;) {
    const page = await log.query({ limit: pageSize, afterSeq: after });
    out.push(...page);
    const last = page[page.length - 1]?.seq;
    if (page.length < pageSize || last === undefined || last <= after) return out;
    after = last;
  }
}
