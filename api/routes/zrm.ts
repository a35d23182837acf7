import { z } from 'zod';
import { checkAssessmentDate } from '../../domain/business-dates';
import { auditUserAction } from '../../prisma/records/audit';
import { toDateColumn } from '../../prisma/records/dates';
import { recordZrmAssessment } from '../../prisma/records/zrm';
import { AppError, refuseRules } from '../app-error';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import * as responses from '../responses';
import { businessDate, trajectoryParams, zrmScores } from '../schemas';
import { lockTrajectory, runningIndication } from '../scope';

export function zrmRoutes({ prisma, secrets }: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'post',
      path: '/trajectories/{trajectoryId}/zrm-assessments',
      summary:
        'Record a ZRM measurement during the indication (seed 002: results per domain, improvement or stabilisation)',
      tag: 'Trajectory actions',
      roles: ['CONSULTANT', 'PROVIDER'],
      response: responses.zrmAssessed,
      params: trajectoryParams,
      body: z.strictObject({
        assessedOn: businessDate,
        scores: zrmScores.refine((s) => Object.keys(s).length > 0, { message: 'score at least one domain' }),
      }),
      handle: async ({ actor, params, body }) => {
        const { trajectoryId } = params;
        const indication = await runningIndication(prisma, actor, trajectoryId, 'A measurement is taken');
        refuseRules(checkAssessmentDate(body.assessedOn, indication.period, new Date()));
        return prisma.$transaction(async (tx) => {
          // One measurement a day per trajectory: the trajectory's row orders two sent at once.
          await lockTrajectory(tx, trajectoryId);
          const sameDay = { trajectoryId, assessedOn: toDateColumn(body.assessedOn) };
          if (await tx.zrmAssessment.findFirst({ where: sameDay, select: { id: true } }))
            throw new AppError(409, 'ALREADY_ASSESSED', `The ZRM was measured on ${body.assessedOn} already`, [
              { path: 'body.assessedOn', rule: 'ALREADY_ASSESSED', message: 'one measurement a day' },
            ]);
          const id = await recordZrmAssessment(tx, secrets, {
            trajectoryId,
            indicationId: indication.id,
            assessedOn: body.assessedOn,
            assessedById: actor.id,
            scores: body.scores,
          });
          // The audit names the measurement and its day; the scores (health data) stay sealed in its row.
          await auditUserAction(tx, actor.id, {
            trajectoryId,
            action: 'ZRM_ASSESSED',
            data: { assessmentId: id, assessedOn: body.assessedOn },
          });
          return { assessmentId: id, assessedOn: body.assessedOn };
        });
      },
    }),
  ];
}
