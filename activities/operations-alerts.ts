import type { OperationsAlertKind } from '../domain/operations-alerts';
import type { InjectedSinks } from '@temporalio/worker';
import type { PrismaClient } from '../prisma/client';
import type { AlertSinks } from '../workflows/interceptors';

/** Records (or counts again) an alert for operations; one open row per kind and trajectory. */
export async function raiseAlert(
  prisma: PrismaClient,
  alert: { kind: OperationsAlertKind; trajectoryId: string; detail: string },
): Promise<void> {
  const key = `${alert.kind}:${alert.trajectoryId}`;
  const now = new Date();
  await prisma.operationsAlert.upsert({
    where: { key },
    create: { key, ...alert },
    update: { detail: alert.detail, lastSeenAt: now, resolvedAt: null, occurrences: { increment: 1 } },
  });
}

/**
 * The worker's side of the workflows' alert sink (workflows/interceptors.ts): a stuck or failed
 * trajectory becomes a row on operations' list. Not called again when a history is replayed.
 */
export function alertSinks(prisma: PrismaClient, log: (message: string) => void): InjectedSinks<AlertSinks> {
  return {
    alerts: {
      raise: {
        fn: async (info, { kind, error }) => {
          const trajectoryId = /^trajectory-([0-9a-f-]{36})$/.exec(info.workflowId)?.[1];
          if (!trajectoryId) return log(`${kind} in workflow ${info.workflowId}: ${error}`);
          const detail = `run ${info.runId}: ${error}`;
          await raiseAlert(prisma, { kind, trajectoryId, detail }).catch((e: unknown) =>
            log(`could not record ${kind} for ${info.workflowId}: ${String(e)}`),
          );
        },
        callDuringReplay: false,
      },
    },
  };
}
