import { ApplicationFailure } from '@temporalio/activity';
import type { TimeTotals } from '../domain/utilisation';
import type { PrismaClient } from '../prisma/client';
import { toDateColumn } from '../prisma/records/dates';
import { insertNoShows, type NoShowRecord } from '../prisma/records/no-shows';

export interface SaveDeclaration extends TimeTotals {
  indicationId: string;
  month: string;
  declaredAt: string;
  declaredById: string;
  warnings: string[];
}

/** Stores a month's declaration once per (indication, month). */
export function saveHourDeclaration(prisma: PrismaClient) {
  return async (d: SaveDeclaration): Promise<void> => {
    await prisma.hourDeclaration.createMany({
      data: [{ ...d, month: toDateColumn(d.month), declaredAt: new Date(d.declaredAt) }],
      skipDuplicates: true,
    });
  };
}

/** What a declared month holds now: a correction's starting point. */
export function loadHourDeclaration(prisma: PrismaClient) {
  return async (key: { indicationId: string; month: string }): Promise<TimeTotals> => {
    const row = await prisma.hourDeclaration.findUnique({
      where: { indicationId_month: { indicationId: key.indicationId, month: toDateColumn(key.month) } },
      select: { directMinutes: true, indirectMinutes: true, digitalMinutes: true, groupMinutes: true },
    });
    if (!row) throw ApplicationFailure.nonRetryable(`No declaration for ${key.month}`, 'TrajectoryWrongState');
    return row;
  };
}

export interface CorrectDeclaration extends TimeTotals {
  indicationId: string;
  month: string;
  warnings: string[];
}

/** Sets a declared month's figures and warnings (setting twice is setting once). */
export function correctHourDeclaration(prisma: PrismaClient) {
  return async ({ indicationId, month, ...figures }: CorrectDeclaration): Promise<void> => {
    await prisma.hourDeclaration.update({
      where: { indicationId_month: { indicationId, month: toDateColumn(month) } },
      data: figures,
    });
  };
}

export type SaveNoShow = NoShowRecord;

/** Stores a no-show once per (indication, appointment time). */
export function saveNoShow(prisma: PrismaClient) {
  return async (n: SaveNoShow): Promise<void> => {
    await prisma.$executeRaw(insertNoShows([n]));
  };
}
