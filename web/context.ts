import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Actor } from '../api/auth';
import { AppError } from '../api/app-error';
import type { Endpoint } from '../api/endpoint';
import type { providers } from '../api/responses';
import type { PrismaClient } from '../prisma/client';
import type { FormValues, Refused } from './forms';
import type { Viewer } from './layout';
import type { Oidc } from './oidc';
import { trajectoryWorkflowId } from '../workflows/trajectory/contracts';
import type { Sessions } from './session';

export interface WebDeps {
  prisma: PrismaClient;
  /** The API's use cases: pages call them directly (validation, scope and rules included), not over HTTP. */
  routes: Endpoint[];
  sessions: Sessions;
  /** The development sign-in lists the users; off with an identity provider or in production. */
  devSignIn: boolean;
  /** The organisation's identity provider (OpenID Connect), when configured. */
  oidc?: Oidc;
  /** A trajectory's workflow in the Temporal Web UI, when its address is known. */
  workflowLink?: (trajectoryId: string) => string;
}

/** Links into the Temporal Web UI: namespace and workflow id (`trajectory-<id>`). */
export const workflowLinks =
  (uiUrl: string, namespace: string) =>
  (trajectoryId: string): string =>
    `${uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(trajectoryWorkflowId(trajectoryId))}`;

export interface Visit {
  actor: Actor;
  /** Operations only: the trajectory's workflow in the Temporal Web UI. */
  workflowLink?: (trajectoryId: string) => string;
  viewer: Viewer;
  /** Runs an API use case as this user; a role it does not allow is a 403, as over HTTP. */
  call(
    method: 'get' | 'post',
    path: string,
    raw?: { params?: object; query?: object; body?: object },
  ): Promise<unknown>;
}

/** The signed-in user of a page request, or undefined; the session is renewed (it ends after a time without pages). */
export async function visitOf(deps: WebDeps, req: Request, res: Response): Promise<Visit | undefined> {
  const session = await deps.sessions.check(req);
  const user = session.state === 'active' ? await deps.prisma.user.findUnique({ where: { id: session.userId } }) : null;
  if (!user) return undefined;
  const sessionEndsAt = await deps.sessions.signIn(req, res, user.id);
  const actor: Actor = { id: user.id, role: user.role, teamId: user.teamId, providerId: user.providerId };
  req.actor = actor; // the request's log line names who asked, as for the API
  return {
    actor,
    workflowLink: actor.role === 'OPERATIONS' ? deps.workflowLink : undefined,
    viewer: {
      displayName: user.displayName,
      role: user.role,
      csrf: deps.sessions.csrfToken(req, res),
      sessionEndsAt,
      path: req.path,
    },
    call: async (method, path, raw = {}) => {
      const e = deps.routes.find((r) => r.method === method && r.path === path);
      if (!e) throw new Error(`No use case ${method} ${path}`);
      if (!e.roles.includes(actor.role)) throw new AppError(403, 'FORBIDDEN', 'Not for this role');
      return e.run(actor, { params: raw.params ?? {}, query: raw.query ?? {}, body: raw.body ?? {} }, randomUUID());
    },
  };
}

/** A page's work for a signed-in user: the HTML to send, or nothing when it answered itself (a redirect, a file). */
export type PageWork = (visit: Visit, req: Request, res: Response) => Promise<string | void>;

/** How the routes serve pages (web/app.ts): behind a session, with CSRF, errors as Dutch pages. */
export interface PageHandlers {
  signedIn(work: PageWork): RequestHandler;
  /** A form's use case, then onward; refused, `again` renders the page with the form and its errors. */
  formPost(
    act: (visit: Visit, req: Request, res: Response, values: FormValues) => Promise<string | void>,
    again: (visit: Visit, req: Request, values: FormValues, refused: Refused) => Promise<string>,
  ): RequestHandler;
}

/** Every provider (id, name, AGB code), as the pages list and name them. */
export const providersOf = async (visit: Visit): Promise<z.output<typeof providers>['items']> =>
  ((await visit.call('get', '/providers')) as z.output<typeof providers>).items;
