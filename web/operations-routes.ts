import type { Router } from 'express';
import type { PrismaClient } from '../prisma/client';
import { AppError } from '../api/app-error';
import { toAppError } from '../api/errors';
import { dateOf } from '../domain/calendar';
import { providersOf, type PageHandlers, type Visit } from './context';
import { ACCESS_LOG_SHOWN, accessLogPage, accessLookupBody, type AccessLog } from './pages/access-log';
import { alertsPage } from './pages/alerts';
import {
  atProviderFields,
  deliveryMessages,
  deliveryPage,
  newSecretPage,
  providerSettingsBody,
  providerSettingsPage,
  type DeliveryMessage,
  type WebhookTest,
} from './pages/delivery';
import { kpiCsv } from './pages/kpis';
import { overviewCsv, overviewFilters, overviewPage } from './pages/overview';
import { saidOf } from './layout';
import { pageNumberOf } from './paging';

export const operationsOnly = (visit: Visit) => {
  if (visit.actor.role !== 'OPERATIONS') throw new AppError(403, 'FORBIDDEN', 'Operations only');
};

/** Operations' pages: the overview and its exports, the signals, where notifications go, and who saw a client's data. */
export function operationsRoutes(
  router: Router,
  { prisma, signedIn, formPost }: PageHandlers & { prisma: PrismaClient },
): void {
  router.get(
    '/overzicht',
    signedIn(async (visit, req) => {
      operationsOnly(visit);
      return overviewPage(visit, prisma, overviewFilters(req.query), pageNumberOf(req.query));
    }),
  );
  // A kenmerk opens its trajectory; none, several, or not a kenmerk is said on the overview.
  router.post(
    '/overzicht/kenmerk',
    formPost(
      async (visit, req, res, values) => {
        operationsOnly(visit);
        const kenmerk = values.kenmerk ?? '';
        const found = (await visit.call('post', '/trajectories/search', { body: { reference: kenmerk } })) as {
          items: { id: string }[];
        };
        const ids = found.items.map((t) => t.id);
        if (ids.length === 1) return res.redirect(303, `/trajecten/${ids[0]}`);
        return overviewPage(visit, prisma, overviewFilters(req.query), 1, { kenmerk, found: ids });
      },
      (visit, req, values, refused) => {
        // The API names the field it was sent as (body.reference): on this form, the kenmerk.
        const message = Object.values(refused.errors)[0];
        return overviewPage(visit, prisma, overviewFilters(req.query), 1, {
          kenmerk: values.kenmerk,
          refused: { ...refused, errors: message ? { kenmerk: message } : {} },
        });
      },
    ),
  );
  router.get(
    '/overzicht/kengetallen.csv',
    signedIn(async (visit, _req, res) => {
      operationsOnly(visit);
      const csv = await kpiCsv(visit, new Map((await providersOf(visit)).map((p) => [p.id, p.name])));
      res
        .type('text/csv; charset=utf-8')
        .attachment(`kengetallen-${dateOf(new Date())}.csv`)
        .send(csv);
    }),
  );
  router.get(
    '/overzicht/trajecten.csv',
    signedIn(async (visit, req, res) => {
      operationsOnly(visit);
      const csv = await overviewCsv(visit, overviewFilters(req.query));
      res
        .type('text/csv; charset=utf-8')
        .attachment(`trajecten-${dateOf(new Date())}.csv`)
        .send(csv);
    }),
  );
  router.get(
    '/signalen',
    signedIn(async (visit, req) => {
      operationsOnly(visit);
      return alertsPage(visit, pageNumberOf(req.query), req.query.afgehandeld === '1');
    }),
  );
  router.post(
    '/signalen/:alertId/afgehandeld',
    signedIn(async (visit, req, res) => {
      operationsOnly(visit);
      // Handled twice (two people at once): the second finds it closed already, which is what both wanted.
      await visit.call('post', '/alerts/{alertId}/resolve', { params: req.params }).catch((error: unknown) => {
        if (toAppError(error).status !== 404) throw error;
      });
      res.redirect(303, '/signalen?afgehandeld=1');
    }),
  );
  router.get(
    '/bezorging',
    signedIn(async (visit, req) => {
      operationsOnly(visit);
      return deliveryPage(visit, pageNumberOf(req.query), saidOf(deliveryMessages, req.query.bericht));
    }),
  );
  /** A button on a failed delivery: the API's answer, or its 409 by code, said on the page it leads back to. */
  const deliveryAction = (
    action: string,
    route: string,
    answered: (answer: unknown) => DeliveryMessage,
    refusals: Partial<Record<string, DeliveryMessage>> = {},
  ) =>
    router.post(
      `/bezorging/:deliveryId/${action}`,
      signedIn(async (visit, req, res) => {
        operationsOnly(visit);
        const said = await visit
          .call('post', route, { params: req.params })
          .then(answered)
          .catch((error: unknown) => {
            const refused = toAppError(error);
            if (refused.status !== 409) throw error;
            return refusals[refused.code] ?? 'al-verstuurd'; // someone else was first, or it went through
          });
        res.redirect(303, `/bezorging?bericht=${said}`);
      }),
    );
  deliveryAction(
    'opnieuw',
    '/deliveries/{deliveryId}/retry',
    (retried) => ((retried as { addressChanged: boolean }).addressChanged ? 'nieuw-adres' : 'opnieuw'),
    { NOT_A_RECIPIENT: 'geen-ontvanger', ALREADY_PLANNED: 'al-gepland' },
  );
  deliveryAction('afsluiten', '/deliveries/{deliveryId}/dismiss', () => 'afgesloten');
  router.get(
    '/bezorging/aanbieders/:providerId',
    signedIn(async (visit, req) => {
      operationsOnly(visit);
      return providerSettingsPage(visit, String(req.params.providerId));
    }),
  );
  router.post(
    '/bezorging/aanbieders/:providerId',
    formPost(
      async (visit, req, res, values) => {
        operationsOnly(visit);
        const providerId = String(req.params.providerId);
        const body = providerSettingsBody(values);
        const saved = (await visit.call('post', '/providers/{providerId}/notification-settings', {
          params: { providerId },
          body,
        })) as { name: string; webhookSecret?: string };
        // A secret asked for here, or the one the use case made for a first webhook.
        const secret = body.webhookSecret ?? saved.webhookSecret;
        if (!secret) return res.redirect(303, '/bezorging?bericht=aanbieder');
        return newSecretPage(visit, saved.name, secret);
      },
      (visit, req, values, refused) =>
        providerSettingsPage(visit, String(req.params.providerId), { values, refused: atProviderFields(refused) }),
    ),
  );
  router.post(
    '/bezorging/aanbieders/:providerId/webhook-test',
    signedIn(async (visit, req) => {
      operationsOnly(visit);
      const providerId = String(req.params.providerId);
      const test = (await visit.call('post', '/providers/{providerId}/webhook-test', {
        params: { providerId },
      })) as WebhookTest;
      return providerSettingsPage(visit, providerId, undefined, test);
    }),
  );
  router.post(
    '/bezorging/teams/:teamId',
    formPost(
      async (visit, req, res, values) => {
        operationsOnly(visit);
        await visit.call('post', '/teams/{teamId}/mailbox', {
          params: { teamId: String(req.params.teamId) },
          body: { mailbox: values.mailbox || null },
        });
        res.redirect(303, '/bezorging?bericht=mailbox');
      },
      (visit, req, values, refused) =>
        deliveryPage(visit, 1, undefined, { teamId: String(req.params.teamId), values, refused }),
    ),
  );
  router.get(
    '/inzage',
    signedIn(async (visit) => {
      operationsOnly(visit);
      return accessLogPage(visit);
    }),
  );
  // By a client's BSN (in the form's body, never in an address: addresses end up in logs and
  // browser history), or by a person who works with clients.
  for (const [path, by] of [
    ['/inzage', 'client'],
    ['/inzage/medewerker', 'person'],
  ] as const) {
    router.post(
      path,
      formPost(
        async (visit, _req, _res, values) => {
          operationsOnly(visit);
          const found = await visit
            .call('post', '/access-log', {
              query: { limit: String(ACCESS_LOG_SHOWN) },
              body: accessLookupBody(by, values),
            })
            .catch((error: unknown) => {
              if (toAppError(error).status !== 404) throw error;
              return undefined;
            });
          return accessLogPage(
            visit,
            found ? { by, values, found: found as AccessLog } : { by, values, unknownClient: true },
          );
        },
        (visit, _req, values, refused) => accessLogPage(visit, { by, values, refused }),
      ),
    );
  }
}
