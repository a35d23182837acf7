import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import type { Role } from '../prisma/client';
import { AppError } from '../api/app-error';
import { toAppError } from '../api/errors';
import { visitOf, type PageHandlers, type Visit, type WebDeps } from './context';
import { html } from './html';
import { page, saidOf } from './layout';
import { deadlinesPage, inboxPage } from './pages/inbox';
import { devSignInPage, organisationSignInPage, signInUnavailablePage } from './pages/sign-in';
import { OIDC_CALLBACK_PATH } from './oidc';
import { hoursChanges, trajectoryPage } from './pages/trajectory';
import { zrmChanges } from './pages/trajectory-zrm';
import { planChanges } from './pages/trajectory-plan';
import { registerBody, registerForm, registerPage } from './pages/register';
import { trajectoryForms } from './pages/trajectory-forms';
import { taskFormKey, taskOutcomes, type TaskOutcome } from './pages/trajectory-tasks';
import { fieldErrors, formValues, type FieldErrors, type FormValues } from './forms';
import { assignments, workListFilters, workListPage, type Assignment } from './pages/work';
import { phaseFilterOf, searchBody, trajectoriesPage, type Found } from './pages/trajectories';
import { preferencesBody, preferencesPage } from './pages/preferences';
import { csrfValid } from './session';
import { pageNumberOf } from './paging';
import { pageOfForm, returnTo, sessionEndOf, signInFor } from './return-to';
import { contractRoutes } from './contract-routes';
import { operationsRoutes } from './operations-routes';

export type { WebDeps } from './context';

const home: Record<Role, string> = { CONSULTANT: '/werkvoorraad', PROVIDER: '/meldingen', OPERATIONS: '/overzicht' };

/** Styles and the charts' scripts, from the packages and web/static; nothing is built. */
const assets: Record<string, string> = {
  '/static/utrecht.css': require.resolve('@utrecht/component-library-css/dist/index.css'),
  '/static/design-tokens.css': require.resolve('@utrecht/design-tokens/dist/index.css'),
  '/static/app.css': path.join(__dirname, 'static', 'app.css'),
  '/static/chart.umd.min.js': path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
  '/static/kpi-charts.js': path.join(__dirname, 'static', 'kpi-charts.js'),
  '/static/session.js': path.join(__dirname, 'static', 'session.js'),
};

const errorPages: Record<number, { title: string; text: string }> = {
  400: { title: 'Ongeldig verzoek', text: 'Het verzoek klopt niet. Ga terug en probeer het opnieuw.' },
  403: { title: 'Geen toegang', text: 'U hebt geen toegang tot deze pagina, of uw account is hier niet bekend.' },
  404: { title: 'Pagina niet gevonden', text: 'Deze pagina bestaat niet, of u hebt er geen toegang toe.' },
  503: {
    title: 'Tijdelijk niet beschikbaar',
    text: 'Aanmelden lukt nu niet. Probeer het over enkele minuten opnieuw.',
  },
};

function errorPage(res: Response, status: number, visit?: Visit): void {
  const shown = errorPages[status] ?? { title: 'Er ging iets mis', text: 'Probeer het later opnieuw.' };
  res
    .status(status)
    .type('html')
    .send(
      page(
        shown.title,
        html`<p class="utrecht-paragraph">${shown.text}</p>
          <p class="utrecht-paragraph"><a class="utrecht-link" href="/">Naar de startpagina</a></p>`,
        visit?.viewer,
      ),
    );
}

/**
 * The pages for consultants, providers and operations, served by the API's own app: server-rendered,
 * Dutch, calling the API's use cases directly. Sessions are signed cookies; every form carries a
 * CSRF token.
 */
export function webRouter(deps: WebDeps, log: (message: string) => void): Router {
  const router = express.Router();
  for (const [url, file] of Object.entries(assets)) router.get(url, (_req, res) => res.sendFile(file));
  router.use(express.urlencoded({ extended: false, limit: '20kb' }));

  /** A page for a signed-in user; without a session, to the sign-in page; errors as Dutch pages. */
  const signedIn: PageHandlers['signedIn'] = (render) => async (req, res) => {
    let visit: Visit | undefined;
    try {
      visit = await visitOf(deps, req, res);
    } catch (error) {
      // The database is away: say so, rather than sending a signed-in person to the sign-in page.
      return errorPage(res, toAppError(error).status);
    }
    if (!visit) return res.redirect(303, await signInAgain(req));
    if (req.method === 'POST' && !csrfValid(req)) return errorPage(res, 403, visit);
    try {
      const body = await render(visit, req, res);
      if (typeof body === 'string') res.type('html').send(body);
    } catch (error) {
      const { status } = toAppError(error);
      if (status >= 500) log(`Page ${req.method} ${req.path} failed: ${(error as Error).stack ?? String(error)}`);
      errorPage(res, status, visit);
    }
  };

  /** Where a request without a session goes: to sign in, then back to its page, told why if its session ended. */
  async function signInAgain(req: Request): Promise<string> {
    const ended = (await deps.sessions.check(req)).state === 'ended';
    return req.method === 'GET'
      ? signInFor(req.originalUrl, ended ? 'pagina' : undefined)
      : signInFor(pageOfForm(req.path), ended ? 'formulier' : undefined);
  }

  /**
   * A form's post: its use case, then onward (a redirect, or a page of its own); refused, the page
   * again with the form filled in and the errors beside its fields.
   */
  const formPost: PageHandlers['formPost'] = (act, again) =>
    signedIn(async (visit, req, res) => {
      const values = formValues(req.body);
      try {
        return await act(visit, req, res, values);
      } catch (error) {
        const refused = fieldErrors(error);
        res
          .status(refused.status)
          .type('html')
          .send(await again(visit, req, values, refused));
      }
    });

  router.get('/', async (req, res) => {
    const visit = await visitOf(deps, req, res);
    res.redirect(303, visit ? home[visit.actor.role] : '/aanmelden');
  });
  router.get('/aanmelden', async (req, res) => {
    const visit = await visitOf(deps, req, res);
    if (visit) return res.redirect(303, returnTo(req.query.terug) ?? home[visit.actor.role]);
    const back = returnTo(req.query.terug);
    const ended = sessionEndOf(req.query.verlopen);
    const body = deps.oidc
      ? organisationSignInPage(back, ended)
      : deps.devSignIn
        ? await devSignInPage(deps.prisma, deps.sessions.csrfToken(req, res), back, ended)
        : signInUnavailablePage();
    res.type('html').send(body);
  });
  // When the session ends (static/session.js asks before it warns: another tab may have renewed it). Renews nothing.
  router.get('/sessie', async (req, res) => {
    const session = await deps.sessions.check(req);
    if (session.state !== 'active') return res.status(401).json({ code: 'SESSION_ENDED' });
    res.set('Cache-Control', 'no-store').json({ endsAt: session.endsAt.toISOString() });
  });
  // The session warning's button (static/session.js): renews a running session, or one signed in again in another tab.
  router.post('/sessie/verlengen', async (req, res) => {
    if (!csrfValid(req)) return res.status(403).json({ code: 'FORBIDDEN' });
    const visit = await visitOf(deps, req, res).catch(() => null);
    if (visit === null) return res.status(503).json({ code: 'UNAVAILABLE' });
    if (!visit) return res.status(401).json({ code: 'SESSION_ENDED' });
    res.json({ endsAt: visit.viewer.sessionEndsAt.toISOString() });
  });
  router.get('/aanmelden/oidc', async (req, res) => {
    if (!deps.oidc) return errorPage(res, 404);
    try {
      await deps.oidc.start(req, res, returnTo(req.query.terug));
    } catch (error) {
      log(`The identity provider is not reachable: ${(error as Error).message}`);
      errorPage(res, 503);
    }
  });
  router.get(OIDC_CALLBACK_PATH, async (req, res) => {
    if (!deps.oidc) return errorPage(res, 404);
    const answer = await deps.oidc.finish(req, res).catch((error: unknown) => {
      log(`A sign-in answer was refused: ${(error as Error).message}`);
      return null;
    });
    if (answer === null) return errorPage(res, 400);
    if (!answer.user) return errorPage(res, 403);
    await deps.sessions.signIn(req, res, answer.user.id);
    res.redirect(303, answer.returnTo ?? home[answer.user.role]);
  });
  router.post('/aanmelden', async (req, res) => {
    if (!deps.devSignIn || !csrfValid(req)) return errorPage(res, 403);
    const userId = String((req.body as Record<string, unknown>).userId ?? '');
    const user = /^[0-9a-f-]{36}$/.test(userId) ? await deps.prisma.user.findUnique({ where: { id: userId } }) : null;
    if (!user) return errorPage(res, 400);
    await deps.sessions.signIn(req, res, user.id);
    res.redirect(303, returnTo((req.body as Record<string, unknown>).terug) ?? home[user.role]);
  });
  router.post(
    '/afmelden',
    signedIn(async (_visit, req, res) => {
      deps.sessions.signOut(req, res);
      res.redirect(303, '/aanmelden');
    }),
  );

  router.get(
    '/werkvoorraad',
    signedIn((visit, req) =>
      workListPage(
        visit,
        deps.prisma,
        pageNumberOf(req.query),
        saidOf(workListFilters, req.query.wie) ?? 'alle',
        saidOf(assignments, req.query.taak),
      ),
    ),
  );
  // Pick a task up, give it to a colleague, or give it back; done meanwhile (a colleague closed it) is
  // said, not refused, and so is a colleague no longer of the team.
  const taskAssignments: Record<string, { to: (visit: Visit, values: FormValues) => string | null; said: Assignment }> =
    {
      oppakken: { to: (visit) => visit.actor.id, said: 'opgepakt' },
      toewijzen: { to: (_visit, values) => values.userId ?? '', said: 'toegewezen' },
      vrijgeven: { to: () => null, said: 'vrijgegeven' },
    };
  for (const [path, assignment] of Object.entries(taskAssignments)) {
    router.post(
      `/werkvoorraad/:taskId/${path}`,
      signedIn(async (visit, req, res) => {
        const values = formValues(req.body);
        const said = await visit
          .call('post', '/tasks/{taskId}/assignee', {
            params: { taskId: String(req.params.taskId) },
            body: { userId: assignment.to(visit, values) },
          })
          .then((): Assignment => assignment.said)
          .catch((error: unknown): Assignment => {
            const status = toAppError(error).status;
            if (status === 409) return 'al-afgerond';
            if (status === 422) return 'niet-toegewezen';
            throw error;
          });
        // Back to the list as it was (its filter and page), never elsewhere.
        const asked = returnTo(values.terug);
        const back = new URL(asked?.startsWith('/werkvoorraad') ? asked : '/werkvoorraad', 'http://localhost');
        back.searchParams.set('taak', said);
        res.redirect(303, `${back.pathname}${back.search}`);
      }),
    );
  }
  router.get(
    '/meldingen',
    signedIn((visit, req) => inboxPage(visit, pageNumberOf(req.query))),
  );
  router.post(
    '/meldingen/:notificationId/gelezen',
    signedIn(async (visit, req, res) => {
      await visit.call('post', '/notifications/{notificationId}/read', { params: req.params });
      res.redirect(303, '/meldingen');
    }),
  );
  // A person's e-mail per kind of notice: consultants and providers' people; operations receive none.
  const withNotices = (visit: Visit) => {
    if (visit.actor.role === 'OPERATIONS') throw new AppError(403, 'FORBIDDEN', 'Consultants and providers only');
  };
  router.get(
    '/instellingen',
    signedIn(async (visit, req) => {
      withNotices(visit);
      return preferencesPage(visit, req.query.opgeslagen === '1');
    }),
  );
  router.post(
    '/instellingen',
    formPost(
      async (visit, _req, res, values) => {
        withNotices(visit);
        await visit.call('post', '/me/notification-preferences', { body: preferencesBody(visit, values) });
        res.redirect(303, '/instellingen?opgeslagen=1');
      },
      (visit, _req, values, refused) => preferencesPage(visit, false, { values, refused }),
    ),
  );
  router.get(
    '/termijnen',
    signedIn((visit, req) => deadlinesPage(visit, pageNumberOf(req.query))),
  );
  operationsRoutes(router, { prisma: deps.prisma, signedIn, formPost });
  contractRoutes(router, { signedIn, formPost });
  router.get(
    '/trajecten',
    signedIn(async (visit, req, res) => {
      // Operations search every trajectory on their overview.
      if (visit.actor.role === 'OPERATIONS') return res.redirect(303, '/overzicht#gevonden');
      return trajectoriesPage(visit, deps.prisma, phaseFilterOf(req.query), pageNumberOf(req.query));
    }),
  );
  // A BSN or a name is sent in a form's body, never in an address (addresses end up in logs and browser history).
  router.post(
    '/trajecten/zoeken',
    formPost(
      async (visit, _req, res, values) => {
        const term = values.zoekterm ?? '';
        const body = searchBody(term);
        const found = (await visit.call('post', '/trajectories/search', { body })) as Found;
        // One trajectory by BSN or kenmerk: straight to it. By name, the list shows the date of birth to check first.
        const only = !('name' in body) && found.items.length === 1 ? found.items[0] : undefined;
        if (only) return res.redirect(303, `/trajecten/${only.id}`);
        return trajectoriesPage(visit, deps.prisma, undefined, 1, { term, found });
      },
      (visit, _req, values, refused) => {
        // The API names the field it was sent as (body.bsn, body.name, body.reference, or body for none): on this form, one field.
        const message = Object.values(refused.errors)[0];
        const errors: FieldErrors = message ? { zoekterm: message } : {};
        return trajectoriesPage(visit, deps.prisma, undefined, 1, {
          term: values.zoekterm,
          refused: { ...refused, errors },
        });
      },
    ),
  );
  router.get(
    '/trajecten/nieuw',
    signedIn((visit) => registerPage(visit)),
  );
  router.post(
    '/trajecten/nieuw',
    formPost(
      async (visit, _req, res, values) => {
        const created = (await visit.call('post', '/trajectories', { body: registerBody(registerForm(values)) })) as {
          trajectoryId: string;
        };
        res.redirect(303, `/trajecten/${created.trajectoryId}`);
      },
      (visit, _req, values, refused) => registerPage(visit, registerForm(values), refused),
    ),
  );
  router.get(
    '/trajecten/:trajectoryId',
    signedIn((visit, req) =>
      trajectoryPage(visit, String(req.params.trajectoryId), {
        hoursChanged: saidOf(hoursChanges, req.query.uren),
        task: saidOf(taskOutcomes, req.query.taak),
        zrmChanged: saidOf(zrmChanges, req.query.zrm),
        planChanged: saidOf(planChanges, req.query.plan),
        transferred: req.query.overstap === '1',
      }),
    ),
  );

  // A task done by hand, with what came of it; done already (a colleague was first) is said, not refused.
  router.post(
    '/trajecten/:trajectoryId/taak-:taskId',
    formPost(
      async (visit, req, res, values) => {
        const said = await visit
          .call('post', '/tasks/{taskId}/complete', {
            params: { taskId: String(req.params.taskId) },
            body: { outcome: values.outcome || undefined, trajectoryId: String(req.params.trajectoryId) },
          })
          .then((): TaskOutcome => 'afgerond')
          .catch((error: unknown): TaskOutcome => {
            if (toAppError(error).status !== 409) throw error;
            return 'al-afgerond';
          });
        res.redirect(303, `/trajecten/${String(req.params.trajectoryId)}?taak=${said}`);
      },
      (visit, req, values, refused) =>
        trajectoryPage(visit, String(req.params.trajectoryId), {
          resent: { form: taskFormKey(String(req.params.taskId)), values, refused },
        }),
    ),
  );

  // Each form on the trajectory page: its use case, then back to the page (refused: the form filled
  // in again, the errors beside its fields).
  for (const form of trajectoryForms) {
    router.post(
      `/trajecten/:trajectoryId/${form.key}`,
      formPost(
        async (visit, req, res, values) => {
          const trajectoryId = String(req.params.trajectoryId);
          const answer = await visit.call('post', `/trajectories/{trajectoryId}/${form.action}`, {
            params: { trajectoryId },
            body: form.body(values),
          });
          res.redirect(303, form.onward?.(answer) ?? `/trajecten/${trajectoryId}${form.after ?? ''}`);
        },
        (visit, req, values, refused) =>
          trajectoryPage(visit, String(req.params.trajectoryId), {
            resent: { form: form.key, values, refused: form.refusedAt?.(refused, values) ?? refused },
          }),
      ),
    );
  }
  return router;
}
