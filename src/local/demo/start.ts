/**
 * The demo on top of a running local stack: the Agents Playground as one person of the demo
 * tenant (a seat that can switch), and the demo page's service attached to the bot. `npm start`
 * and the Playground end-to-end tests use this same wiring.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SimTenant } from '../../simulator';
import type { LocalStack } from '../../startup/localStack';
import type { PlaygroundUser } from '../playground';
import { findPersona, startPlaygroundSeat, type PlaygroundSeat } from '../playgroundSeat';
import { createDemoService, type DemoService } from './service';

export function tenantPlaygroundUsers(tenant: SimTenant): PlaygroundUser[] {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return tenant.users.map((u) => ({
    id: u.id,
    displayName: String(u.props.displayName ?? u.upn),
    userPrincipalName: u.upn,
    givenName: str(u.props.givenName),
    surname: str(u.props.surname),
    mail: str(u.props.mail),
  }));
}

export interface RunningDemo {
  seat?: PlaygroundSeat;
  service: DemoService;
  users: PlaygroundUser[];
  close(): Promise<void>;
}

export async function startDemo(
  stack: LocalStack,
  o: { projectRoot: string; configPath: string; playground: boolean; port: number; env: NodeJS.ProcessEnv; initial?: string },
): Promise<RunningDemo> {
  const users = tenantPlaygroundUsers(stack.simulator.tenant);
  let seat: PlaygroundSeat | undefined;
  // The Playground needs the current user plus at least five others.
  if (o.playground && users.length >= 6) {
    const initial = o.initial ? findPersona(users, o.initial) : users[0];
    if (!initial) throw new Error(`PLAYGROUND_USER: no one called "${o.initial ?? ''}" in the demo tenant`);
    const helpdesk = [...stack.simulator.tenant.groups.values()].find((g) => /helpdesk/i.test(String(g.props.displayName ?? '')));
    fs.mkdirSync(path.dirname(o.configPath), { recursive: true });
    seat = await startPlaygroundSeat({
      projectRoot: o.projectRoot,
      configPath: o.configPath,
      port: o.port,
      botEndpoint: `${stack.bot.url}/api/messages`,
      env: o.env,
      tenantId: stack.simulator.tenantId,
      teamAadGroupId: helpdesk?.id ?? stack.simulator.tenantId,
      users,
      initial,
    });
  }
  const service = createDemoService({ tenant: stack.simulator.tenant, users, ...(seat ? { seat } : {}), bot: stack.bot });
  stack.demo.attach(service);
  return { ...(seat ? { seat } : {}), service, users, close: async () => seat?.close() };
}
