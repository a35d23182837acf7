import type { DeliveryState, NotificationChannel, Prisma, PrismaClient } from '../client';

/**
 * What sending one delivery needs, read and recorded each in one statement: every notice is sent
 * so (issue 12), and Prisma read it in three (the delivery, its notification, the provider) and
 * recorded it in three (a transaction around the update).
 */
export interface DeliveryToSend {
  id: string;
  channel: NotificationChannel;
  address: string;
  userId: string | null;
  state: DeliveryState;
  notificationId: string;
  kind: string;
  payload: Prisma.JsonValue;
  idempotencyKey: string;
  createdAt: Date;
  /** The notification's provider's, sealed; null for a team's or a person's notice. */
  webhookSecret: string | null;
}

export async function deliveryToSend(prisma: PrismaClient, id: string): Promise<DeliveryToSend | undefined> {
  const [row] = await prisma.$queryRaw<DeliveryToSend[]>`
    SELECT d.id::text, d.channel::text, d.address, d."userId"::text, d.state::text,
           n.id::text AS "notificationId", n.kind, n.payload, n."idempotencyKey", n."createdAt",
           p."webhookSecret"
    FROM "Delivery" d
    JOIN "Notification" n ON n.id = d."notificationId"
    LEFT JOIN "Provider" p ON p.id = n."providerId"
    WHERE d.id = ${id}::uuid`;
  return row;
}

/** Recorded as sent, this attempt counted. */
export const markSent = (prisma: PrismaClient, id: string, sentAt: Date) =>
  prisma.$executeRaw`
    UPDATE "Delivery"
    SET state = 'SENT', "sentAt" = ${sentAt}, attempts = attempts + 1, "lastError" = NULL, "updatedAt" = ${sentAt}
    WHERE id = ${id}::uuid`;
