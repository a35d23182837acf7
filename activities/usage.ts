import type { PrismaClient } from '../prisma/client';

export interface SaveDeclaration {
  indicationId: string;
  month: string;
  directMinutes: number;
  indirectMinutes: number;
  digitalMinutes: number;
  declaredAt: string;
  declaredById: string;
  warnings: string[];
}

/** Stores a month's declaration once per (indication, month). */
export function saveHourDeclaration(prisma: PrismaClient) {
  return async (d: SaveDeclaration): Promise<void> => {
    await prisma.hourDeclaration.createMany({
      data: [{ ...d, month: new Date(`${d.month}T00:00:00Z`), declaredAt: new Date(d.declaredAt) }],
      skipDuplicates: true,
    });
  };
}

export interface SaveNoShow {
  indicationId: string;
  occurredAt: string;
  declarable: boolean;
  consecutive: number;
  recordedAt: string;
  recordedById: string;
}

/** Stores a no-show once per (indication, appointment time). */
export function saveNoShow(prisma: PrismaClient) {
  return async (n: SaveNoShow): Promise<void> => {
    await prisma.noShow.createMany({
      data: [{ ...n, occurredAt: new Date(n.occurredAt), recordedAt: new Date(n.recordedAt) }],
      skipDuplicates: true,
    });
  };
}
