/** Arguments of `diagnose`: --user <upn-or-id> [--tenant <fixture.json>] [--client <client-facts.json>] [--now <ISO>] [--json]. */
import { parseFlags } from './process';
import { z } from 'zod';
import { UserRefSchema } from '../backend/api';

export interface DiagnoseArgs {
  user: string;
  tenant?: string;
  client?: string;
  now?: Date;
  json: boolean;
}

export const USAGE = 'usage: diagnose --user <upn-or-id> [--tenant <fixture.json>] [--client <client-facts.json>] [--now <ISO time>] [--json]';

const IsoSchema = z.string().datetime({ offset: true });

export class ArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgsError';
  }
}

export function parseDiagnoseArgs(argv: string[]): DiagnoseArgs {
  const values = parseFlags(
    argv,
    {
      user: { type: 'string' },
      tenant: { type: 'string' },
      client: { type: 'string' },
      now: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    (m) => new ArgsError(m),
  );
  if (values.user === undefined) throw new ArgsError('--user <upn-or-id> is required');
  const user = UserRefSchema.safeParse(values.user);
  if (!user.success) throw new ArgsError(`--user: ${user.error.issues[0]?.message ?? 'invalid'}`);
  let now: Date | undefined;
  if (values.now !== undefined) {
    if (!IsoSchema.safeParse(values.now).success) throw new ArgsError(`--now: expected an ISO 8601 time such as 2026-11-26T09:30:00Z, got "${values.now}"`);
    now = new Date(values.now);
  }
  return {
    user: user.data,
    ...(values.tenant !== undefined ? { tenant: values.tenant } : {}),
    ...(values.client !== undefined ? { client: values.client } : {}),
    ...(now ? { now } : {}),
    json: values.json === true,
  };
}
