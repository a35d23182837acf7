import { z } from 'zod';
import { isNameSearch, MAX_NAME_SEARCH_WORDS, nameSearchWords } from '../../domain/names';
import { idRangeOf, isReference } from '../../domain/reference';
import type { Prisma } from '../../prisma/client';
import { recordAccess } from '../../prisma/records/client-access';
import { trajectoriesByName } from '../../prisma/records/client-search';
import { AppError } from '../app-error';
import type { Actor } from '../auth';
import { clientView } from '../client-view';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import * as responses from '../responses';
import { bsn, text } from '../schemas';
import { everyRole, nothing, ownerOf, trajectoryScope } from '../scope';
import { summary } from './trajectories';

/** A search answers at most this many trajectories (its total counts them all). */
const SEARCH_LIMIT = 100;

/** By BSN, by (part of) the name, or by kenmerk: one of the three. In the body, since URLs end up in logs. */
const search = z
  .strictObject({
    bsn: bsn.optional(),
    /** Each word must occur in the client's name, case and accents aside (domain/names.ts). */
    name: text(100)
      .refine(isNameSearch, {
        message: `must hold a word of at least 2 characters, and at most ${MAX_NAME_SEARCH_WORDS} words`,
      })
      .optional(),
    /** The kenmerk the e-mails name a trajectory by (domain/reference.ts). */
    reference: z.string().max(20).refine(isReference, { message: 'must be a kenmerk such as T-5F3C9A2E' }).optional(),
  })
  .transform((b, ctx): { bsn: string } | { name: string } | { reference: string } => {
    const given = [
      ...(b.bsn === undefined ? [] : [{ bsn: b.bsn }]),
      ...(b.name === undefined ? [] : [{ name: b.name }]),
      ...(b.reference === undefined ? [] : [{ reference: b.reference }]),
    ];
    const [only, ...more] = given;
    if (only && more.length === 0) return only;
    ctx.issues.push({ code: 'custom', input: b, message: 'send one of bsn, name or reference' });
    return z.NEVER;
  });

const withClient = {
  ...summary,
  client: { select: { identity: { select: { fullName: true, dateOfBirth: true, bsn: true } } } },
} satisfies Prisma.TrajectorySelect;

export function trajectorySearchRoutes({ prisma }: RouteDeps): Endpoint[] {
  /** The trajectories found, each logged as seen by the actor (its client's data are in the answer). */
  const found = async (
    actor: Actor,
    kind: 'FOUND_BY_BSN' | 'FOUND_BY_NAME' | 'FOUND_BY_REFERENCE',
    where: Prisma.TrajectoryWhereInput,
    order: string[] | undefined,
  ) => {
    const rows = await prisma.trajectory.findMany({
      where,
      select: withClient,
      orderBy: [{ nextDeadlineAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
      take: SEARCH_LIMIT,
    });
    await recordAccess(
      prisma,
      actor,
      kind,
      rows.map((t) => ({ clientId: t.clientId, trajectoryId: t.id })),
    );
    const items = rows.map(({ client, ...t }) => ({ ...t, client: clientView(actor.role, client.identity) }));
    if (!order) return items;
    const byId = new Map(items.map((t) => [t.id, t]));
    return order.flatMap((id) => byId.get(id) ?? []);
  };

  /** The client with this BSN, where in scope: unknown, or known only outside the scope, is the same empty answer. */
  const byBsn = async (actor: Actor, bsn: string) => {
    const items = await found(
      actor,
      'FOUND_BY_BSN',
      { AND: [trajectoryScope(actor), { client: { identity: { bsn } } }] },
      undefined,
    );
    return { items, total: items.length, limit: SEARCH_LIMIT, offset: 0 };
  };

  /** Clients whose name holds the words, by name: operations see no client, so they have no name to look for. */
  const byName = async (actor: Actor, name: string) => {
    if (actor.role === 'OPERATIONS')
      throw new AppError(403, 'FORBIDDEN', 'Operations see no client names, so they do not search by name');
    const owner = ownerOf(actor);
    const { ids, total } = owner
      ? await trajectoriesByName(prisma, owner, nameSearchWords(name), SEARCH_LIMIT)
      : { ids: [], total: 0 };
    const items = await found(actor, 'FOUND_BY_NAME', { AND: [trajectoryScope(actor), { id: { in: ids } }] }, ids);
    return { items, total, limit: SEARCH_LIMIT, offset: 0 };
  };

  /** The trajectory in scope whose id the kenmerk stands for (one: the database keeps kenmerken unique, but for trajectories that shared one before). */
  const byReference = async (actor: Actor, reference: string) => {
    const range = idRangeOf(reference);
    const ids = range ? { id: { gte: range.from, lte: range.to } } : nothing;
    const items = await found(actor, 'FOUND_BY_REFERENCE', { AND: [trajectoryScope(actor), ids] }, undefined);
    return { items, total: items.length, limit: SEARCH_LIMIT, offset: 0 };
  };

  return [
    endpoint({
      method: 'post',
      path: '/trajectories/search',
      summary:
        'The trajectories in scope of the client with this BSN (the next deadline first), of the clients whose name holds these words (by name; consultants and providers), or with this kenmerk (T-5F3C9A2E, as the e-mails name a trajectory); in the body, since URLs end up in logs',
      tag: 'Trajectories',
      roles: everyRole,
      response: responses.searchResults,
      body: search,
      handle: ({ actor, body }) =>
        'bsn' in body
          ? byBsn(actor, body.bsn)
          : 'name' in body
            ? byName(actor, body.name)
            : byReference(actor, body.reference),
    }),
  ];
}
