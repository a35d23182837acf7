import type { ZrmScores } from '../domain/zrm';
import type { SecretBox } from './sealing';
import type { PrismaClient } from '../prisma/client';
import { toDateColumn as day } from '../prisma/records/dates';
import { recordZrmAssessment } from '../prisma/records/zrm';

export interface SaveIndication {
  trajectoryId: string;
  sequence: number;
  productCode: string;
  startDate: string;
  endDate: string;
  hoursPerWeek: number | null;
  decidedAt: string;
  decidedById: string;
  zrm: ZrmScores;
  /** A granted extension's next period: planned until the current one ends. */
  planned?: boolean;
  /** The surcharge (opslag) on top of the category (seed 001). */
  surchargeCode?: string;
}

/** Stores a decided indication and its ZRM scores (sealed) once per (trajectory, sequence); returns its id. */
export function saveIndication(prisma: PrismaClient, secrets: SecretBox) {
  return async (i: SaveIndication): Promise<string> => {
    return prisma.$transaction(async (tx) => {
      const existing = await tx.indication.findUnique({
        where: { trajectoryId_sequence: { trajectoryId: i.trajectoryId, sequence: i.sequence } },
      });
      if (existing) return existing.id;
      const created = await tx.indication.create({
        data: {
          trajectoryId: i.trajectoryId,
          sequence: i.sequence,
          productCode: i.productCode,
          surchargeCode: i.surchargeCode ?? null,
          startDate: day(i.startDate),
          endDate: day(i.endDate),
          volumeUnit: i.hoursPerWeek === null ? 'CATEGORY' : 'HOURS_PER_WEEK',
          hoursPerWeek: i.hoursPerWeek,
          decidedAt: new Date(i.decidedAt),
          decidedById: i.decidedById,
          status: i.planned ? 'PLANNED' : 'ACTIVE',
        },
      });
      // A new period's measurement may be the latest: the trajectory's ZRM results follow it.
      if (Object.keys(i.zrm).length) {
        await recordZrmAssessment(tx, secrets, {
          trajectoryId: i.trajectoryId,
          indicationId: created.id,
          assessedOn: i.startDate,
          assessedById: i.decidedById,
          scores: i.zrm,
        });
      }
      return created.id;
    });
  };
}

/** Marks an indication ended when its period is over; a planned next period becomes active with it. */
export function endIndication(prisma: PrismaClient) {
  return async (input: { indicationId: string; endedAt: string; nextIndicationId?: string }): Promise<void> => {
    await prisma.$transaction([
      prisma.indication.updateMany({
        where: { id: input.indicationId, status: 'ACTIVE' },
        data: { status: 'ENDED', closedAt: new Date(input.endedAt) },
      }),
      prisma.indication.updateMany({
        where: { id: input.nextIndicationId ?? { in: [] }, status: 'PLANNED' },
        data: { status: 'ACTIVE' },
      }),
    ]);
  };
}

/** Moves an indication's end date (a consultant's decision; the workflow moves its timers). */
export function changeIndicationEndDate(prisma: PrismaClient) {
  return async (input: { indicationId: string; endDate: string }): Promise<void> => {
    await prisma.indication.update({ where: { id: input.indicationId }, data: { endDate: day(input.endDate) } });
  };
}

/** A granted expansion (uitbreiding): more hours per week for the rest of the allocation. */
export function changeIndicationVolume(prisma: PrismaClient) {
  return async (input: { indicationId: string; hoursPerWeek: number }): Promise<void> => {
    await prisma.indication.update({ where: { id: input.indicationId }, data: { hoursPerWeek: input.hoursPerWeek } });
  };
}

/** Ends an indication early because another product replaces it (op- en afschalen). */
export function supersedeIndication(prisma: PrismaClient) {
  return async (input: { indicationId: string; lastDay: string; at: string }): Promise<void> => {
    await prisma.indication.updateMany({
      where: { id: input.indicationId, status: 'ACTIVE' },
      data: { status: 'SUPERSEDED', endDate: day(input.lastDay), closedAt: new Date(input.at) },
    });
  };
}
