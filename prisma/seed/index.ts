import { intakeDueAt } from '../../domain/deadlines';
import type { PrismaClient } from '../client';
import { products, tariffs } from './catalogue';
import { demoClients, demoColleagues, demoContacts, demoTrajectories, providers, teams, users } from './demo';

/** Loads the catalogue; products are updated in place so a corrected rule reaches existing databases. */
export async function seedCatalogue(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const { code, ...rules } of products) {
      await tx.product.upsert({ where: { code }, create: { code, ...rules }, update: rules });
    }
    await tx.tariff.createMany({ data: tariffs, skipDuplicates: true });
  });
}

/** Loads the demo teams, providers and users (one per role); loading twice changes nothing. */
export async function seedOrganisation(prisma: Pick<PrismaClient, 'team' | 'provider' | 'user'>): Promise<void> {
  await prisma.team.createMany({ data: teams, skipDuplicates: true });
  await prisma.provider.createMany({ data: providers, skipDuplicates: true });
  await prisma.user.createMany({ data: users, skipDuplicates: true });
}

/**
 * Where the demo's notifications go: shared mailboxes for the teams and contact addresses for the
 * providers, so `npm start`'s local mailbox shows real messages. Set only where none is set yet.
 */
export async function seedDemoContacts(prisma: PrismaClient): Promise<void> {
  for (const { id, mailbox } of demoContacts.teams)
    await prisma.team.updateMany({ where: { id, mailbox: null }, data: { mailbox } });
  for (const { id, contactEmails } of demoContacts.providers)
    await prisma.provider.updateMany({ where: { id, contactEmails: { isEmpty: true } }, data: { contactEmails } });
}

/**
 * A colleague for the demo's consultant and provider, so _Toewijzen aan_ has someone to give a task
 * to (`npm start`, `npm run seed`; the tests add the colleagues they need themselves).
 */
export async function seedDemoColleagues(prisma: PrismaClient): Promise<void> {
  await prisma.user.createMany({ data: demoColleagues, skipDuplicates: true });
}

/** Loads the demo organisation and three registered trajectories; loading twice changes nothing. */
export async function seedDemo(prisma: PrismaClient, registeredAt: Date): Promise<string[]> {
  await prisma.$transaction(async (tx) => {
    await seedOrganisation(tx);
    await tx.client.createMany({ data: demoClients.map(({ id }) => ({ id })), skipDuplicates: true });
    await tx.clientIdentity.createMany({
      data: demoClients.map(({ id, bsn, fullName, dateOfBirth }) => ({
        clientId: id,
        bsn,
        fullName,
        dateOfBirth: new Date(`${dateOfBirth}T00:00:00Z`),
      })),
      skipDuplicates: true,
    });
    await tx.trajectory.createMany({
      data: demoTrajectories.map((t) => ({ ...t, registeredAt, intakeDueAt: intakeDueAt(registeredAt) })),
      skipDuplicates: true,
    });
  });
  return demoTrajectories.map((t) => t.id);
}
