/**
 * What the demo page can do (local mode only): say who the Playground is, switch it to another
 * person of the demo tenant, and play "the employee signed in with the pass" — the simulator marks
 * the person's Temporary Access Pass used, as Entra does after a sign-in, and the bot's regular
 * maintenance run then finds it used through the backend and removes the pass from the chat.
 */
import type { MaintenanceReport } from '../../bot/tap/maintenance';
import { TAP_TYPE, USED_FLAG } from '../../simulator/tenant/tap';
import type { SimTenant } from '../../simulator';
import type { PlaygroundUser } from '../playground';
import { findPersona, type PlaygroundSeat } from '../playgroundSeat';
import { personaOf, personasOf, type Persona } from './personas';

/** After a Playground tab fetched its config, how long it may take to render its chat list. */
const PAGE_SETTLE_MS = 3000;

export class DemoError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'DemoError';
  }
}

export interface DemoState {
  playgroundUrl?: string;
  current?: Persona;
  personas: Persona[];
}

export interface DemoService {
  state(): DemoState;
  /**
   * Restarts the Playground as this person. Once a Playground tab has loaded, the open requests are
   * posted to the channel again and passes waiting for this person's chat are delivered (`caughtUp`).
   */
  switchTo(who: string): Promise<{ current: Persona; caughtUp: Promise<{ reposted: number; delivered: number }> }>;
  /** Marks this person's newest unused pass used in the simulator, then runs the bot's pass maintenance now. */
  usePass(who: string): Promise<{ persona: Persona; report?: MaintenanceReport }>;
}

export interface DemoDeps {
  tenant: SimTenant;
  users: PlaygroundUser[];
  /** Absent when the Playground is off (PLAYGROUND=false). */
  seat?: PlaygroundSeat;
  bot: { runTapMaintenance?: () => Promise<MaintenanceReport>; repostOpenTapRequests?: () => Promise<number> };
}

export function createDemoService(d: DemoDeps): DemoService {
  const find = (who: string): PlaygroundUser => {
    const u = findPersona(d.users, who);
    if (!u) throw new DemoError(404, `No one called "${who}" in the demo tenant.`);
    return u;
  };
  return {
    state() {
      const current = d.seat?.current();
      return { ...(d.seat ? { playgroundUrl: d.seat.url } : {}), ...(current ? { current: personaOf(current) } : {}), personas: personasOf(d.users) };
    },
    async switchTo(who) {
      const user = find(who);
      if (!d.seat) throw new DemoError(409, 'The Agents Playground is off (PLAYGROUND=false), so there is no one to switch.');
      const seat = d.seat;
      await seat.switchTo(user);
      const caughtUp = (async () => {
        if (!(await seat.pageLoaded())) return { reposted: 0, delivered: 0 };
        // Let the page render its chats before the first message arrives.
        await new Promise((r) => setTimeout(r, PAGE_SETTLE_MS));
        const reposted = (await d.bot.repostOpenTapRequests?.()) ?? 0;
        const report = await d.bot.runTapMaintenance?.();
        return { reposted, delivered: report?.delivered ?? 0 };
      })();
      caughtUp.catch(() => undefined);
      return { current: personaOf(user), caughtUp };
    },
    async usePass(who) {
      const user = find(who);
      const sim = d.tenant.users.find((u) => u.id === user.id);
      const taps = (sim?.methods ?? []).filter((m) => m['@odata.type'] === TAP_TYPE && m[USED_FLAG] !== true);
      const newest = taps.sort((a, b) => String(b.createdDateTime ?? '').localeCompare(String(a.createdDateTime ?? '')))[0];
      if (!sim || !newest) throw new DemoError(409, `${user.displayName} has no unused Temporary Access Pass. Ask for one as ${user.displayName} and approve it as a helpdesk approver first.`);
      newest[USED_FLAG] = true;
      sim.revision += 1;
      const report = await d.bot.runTapMaintenance?.();
      return { persona: personaOf(user), ...(report ? { report } : {}) };
    },
  };
}
