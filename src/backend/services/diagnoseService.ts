/**
 * The diagnosis use case shared by the HTTP API and the `diagnose` command: gather the facts
 * through the gateway, run the pure engine, shape the API response.
 */
import type { Config } from '../../config';
import type { DiagnosisInput } from '../../diagnosis/facts';
import type { DiagnosisSettings, Finding } from '../../diagnosis/types';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { AuditLog } from '../../storage/types';
import type { DiagnoseRequest, DiagnoseResponse } from '../api';
import type { DirectoryGateway } from '../graph/gateway';
import { passkeyOptionsFromFacts } from './passkeyOptions';

export type DiagnoseFn = (input: DiagnosisInput, settings?: Partial<DiagnosisSettings>) => Finding[];

export interface DiagnoseServiceDeps {
  gateway: DirectoryGateway;
  diagnose: DiagnoseFn;
  clock: Clock;
  config: Pick<Config, 'diagnosis'> & { backend: Pick<Config['backend'], 'allowTimeTravel'> };
  logger: Logger;
  audit?: AuditLog;
}

export interface DiagnoseService {
  diagnose(request: DiagnoseRequest, context?: { requestId?: string; caller?: string }): Promise<DiagnoseResponse>;
}

/** The evaluation instant: the request's `now` only when time travel is allowed (dev/test). */
export function evaluationTime(requested: string | undefined, allowTimeTravel: boolean, clock: Clock): Date {
  return requested !== undefined && allowTimeTravel ? new Date(requested) : clock.now();
}

function withPasskeys(facts: DiagnosisInput['directory']): Pick<DiagnoseResponse, 'passkeys'> {
  const passkeys = passkeyOptionsFromFacts(facts);
  return passkeys ? { passkeys } : {};
}

export function createDiagnoseService(deps: DiagnoseServiceDeps): DiagnoseService {
  const settings: Partial<DiagnosisSettings> = {
    recentHours: deps.config.diagnosis.recentHours,
    lockoutHours: deps.config.diagnosis.lockoutHours,
    staleDeviceDays: deps.config.diagnosis.staleDeviceDays,
  };
  return {
    async diagnose(request, context = {}) {
      const now = evaluationTime(request.now, deps.config.backend.allowTimeTravel, deps.clock);
      const { facts, stats, evidence } = await deps.gateway.gatherFacts(request.user, { now });
      const findings = deps.diagnose({ now, directory: facts, ...(request.client ? { client: request.client } : {}) }, settings);
      const { id, userPrincipalName, displayName, userType, accountEnabled } = facts.user;
      deps.logger.info(
        { requestId: context.requestId, userId: id, codes: findings.map((f) => f.code), gaps: facts.gaps.length, graphRequests: stats.requests, roundTrips: stats.roundTrips },
        'diagnosis done',
      );
      if (deps.audit) {
        await deps.audit.append({
          at: deps.clock.now().toISOString(),
          action: 'diagnosis',
          actor: context.caller ?? 'system',
          subject: id,
          details: { codes: findings.map((f) => f.code), gaps: facts.gaps.map((g) => g.source) },
          ...(context.requestId ? { correlationId: context.requestId } : {}),
        });
      }
      return {
        user: { id, userPrincipalName, displayName, userType, accountEnabled },
        findings,
        gaps: facts.gaps,
        graph: stats,
        diagnosedAt: now.toISOString(),
        // Only when some evidence came from followers: how old it is, and what is not in yet.
        ...(evidence ? { evidence, pending: evidence.filter((e) => e.state === 'pending').map((e) => e.source) } : {}),
        ...withPasskeys(facts),
      };
    },
  };
}
