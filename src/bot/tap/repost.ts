/**
 * Local demo: the Agents Playground forgets its messages when it restarts as another person, so
 * the open requests' channel cards are posted again (new posts, the thread then points at them) and
 * the approver finds their buttons in the channel. Real Teams keeps messages; production never calls this.
 */
import type { TapKit } from './kit';
import { syncChannelCard } from './messages';

export async function repostOpenRequests(kit: TapKit): Promise<number> {
  let posted = 0;
  for (const r of await kit.service().list({ states: ['pending', 'awaiting_manager'] })) {
    const t = await kit.threads.get(r.correlationId);
    if (!t) continue;
    const fresh = (await kit.threads.update(t.reference, (x) => ({ ...x, channel: undefined }))) ?? { ...t, channel: undefined };
    try {
      await syncChannelCard(kit, r, fresh);
      posted++;
    } catch (e) {
      kit.log.warn({ requestId: r.id, err: e instanceof Error ? e.message : String(e) }, 'demo: request card not posted again');
    }
  }
  return posted;
}
