import type { RouteDeps } from '../deps';
import * as responses from '../responses';
import { users } from '../operations-responses';
import { endpoint, type Endpoint } from '../endpoint';
import { colleaguesOf, everyRole } from '../scope';
import { AppError } from '../app-error';
import { staffOf, staffView } from '../../prisma/records/staff';

/** Who is signed in and their colleagues, and the lists a form chooses from: providers and the product catalogue with its rules. */
export function referenceRoutes({ prisma }: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'get',
      path: '/me',
      summary: 'The signed-in user: name, role, team or provider',
      tag: 'Reference',
      roles: everyRole,
      response: responses.me,
      handle: async ({ actor }) => {
        const user = await prisma.user.findUnique({
          where: { id: actor.id },
          select: {
            id: true,
            email: true,
            displayName: true,
            role: true,
            team: { select: { id: true, name: true, municipality: true, region: true } },
            provider: { select: { id: true, name: true } },
          },
        });
        if (!user) throw new AppError(404, 'USER_NOT_FOUND', 'The signed-in user no longer exists');
        return user;
      },
    }),
    endpoint({
      method: 'get',
      path: '/me/colleagues',
      summary:
        "The people of the signed-in user's team or provider, by name, themselves included: who a task can be given to (POST /tasks/{id}/assignee)",
      tag: 'Reference',
      roles: ['CONSULTANT', 'PROVIDER'],
      response: responses.colleagues,
      handle: async ({ actor }) => {
        const people = await prisma.user.findMany({
          where: colleaguesOf(actor),
          orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
          select: { id: true, displayName: true },
        });
        return { items: people.map((p) => ({ id: p.id, name: p.displayName })) };
      },
    }),
    endpoint({
      method: 'get',
      path: '/users',
      summary:
        'Everyone who signs in, by name, with their role and team or provider (operations: whose looks to check in the access log)',
      tag: 'Reference',
      roles: ['OPERATIONS'],
      response: users,
      handle: async () => {
        const people = await prisma.user.findMany({
          orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
          select: { ...staffOf, role: true },
        });
        return { items: people.map(({ role, ...p }) => ({ ...staffView(p), role })) };
      },
    }),
    endpoint({
      method: 'get',
      path: '/providers',
      summary: 'Every provider, by name (to choose one when registering a client)',
      tag: 'Reference',
      roles: everyRole,
      response: responses.providers,
      handle: async () => ({
        items: await prisma.provider.findMany({
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
          select: { id: true, name: true, agbCode: true },
        }),
      }),
    }),
    endpoint({
      method: 'get',
      path: '/products',
      summary: 'The catalogue with its rules (region, volume unit, durations, age limit, no-show policy)',
      tag: 'Reference',
      roles: everyRole,
      response: responses.products,
      handle: async () => ({
        items: (
          await prisma.product.findMany({
            orderBy: [{ region: 'asc' }, { code: 'asc' }],
          })
        ).map((p) => ({
          ...p,
          validFrom: p.validFrom?.toISOString().slice(0, 10) ?? null,
          validTo: p.validTo?.toISOString().slice(0, 10) ?? null,
        })),
      }),
    }),
  ];
}
