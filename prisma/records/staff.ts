import type { Prisma } from '../client';

/** A person as lists of staff show them: name, and the team or provider they work for. */
export const staffOf = {
  id: true,
  displayName: true,
  team: { select: { name: true } },
  provider: { select: { name: true } },
} satisfies Prisma.UserSelect;

type Staff = Prisma.UserGetPayload<{ select: typeof staffOf }>;

/** Id, name and organisation (null for operations, who belong to neither). */
export const staffView = (user: Staff) => ({
  id: user.id,
  name: user.displayName,
  organisation: user.team?.name ?? user.provider?.name ?? null,
});
