import type { Router } from 'express';
import { SchemaViolation } from '../api/app-error';
import { dateOf } from '../domain/calendar';
import type { PageHandlers } from './context';
import { saidOf } from './layout';
import { operationsOnly } from './operations-routes';
import { correctionBody, refusedRemovalAt, removalBody, tariffCorrectionPage } from './pages/tariff-correction';
import { costsCsv, costsPage, refusedAmountAt, tariffBody, tariffChanges } from './pages/costs';
import { providerReviewsPage, reviewBody, reviewChanges } from './pages/provider-reviews';
import { budgetBody, budgetChanges, budgetPage, refusedBudgetAt } from './pages/budgets';

/** `?jaar=2026`: a year the costs can be asked for, else this year. */
function yearOf(query: Record<string, unknown>): number {
  const year = Number(query.jaar);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : Number(dateOf(new Date()).slice(0, 4));
}

/** The two fixes of a tariff: the page's address, the API's use case, its body, what is said after, where refusals go. */
const tariffFixes = [
  ['', 'correction', correctionBody, 'gecorrigeerd', refusedAmountAt],
  ['/verwijderen', 'removal', removalBody, 'verwijderd', refusedRemovalAt],
] as const;

/** Contract management's pages: what care costs and the tariffs, and the yearly talk with each provider (seed 001). */
export function contractRoutes(router: Router, { signedIn, formPost }: PageHandlers): void {
  router.get(
    '/kosten',
    signedIn(async (visit, req) => {
      operationsOnly(visit);
      const { tarief, budget } = req.query;
      return costsPage(
        visit,
        yearOf(req.query),
        undefined,
        saidOf(tariffChanges, tarief),
        saidOf(budgetChanges, budget),
      );
    }),
  );
  router.get(
    '/kosten/budget',
    signedIn(async (visit, req) => {
      operationsOnly(visit);
      return budgetPage(visit, yearOf(req.query));
    }),
  );
  router.post(
    '/kosten/budget',
    formPost(
      async (visit, req, res, values) => {
        operationsOnly(visit);
        const year = yearOf(req.query);
        await visit.call('post', '/budgets', { body: budgetBody(values, year) });
        res.redirect(303, `/kosten?jaar=${year}&budget=vastgelegd`);
      },
      (visit, req, values, refused) =>
        budgetPage(visit, yearOf(req.query), { values, refused: refusedBudgetAt(refused) }),
    ),
  );
  router.get(
    '/kosten/kosten-:year.csv',
    signedIn(async (visit, req, res) => {
      operationsOnly(visit);
      const year = yearOf({ jaar: req.params.year });
      res
        .type('text/csv; charset=utf-8')
        .attachment(`kosten-${year}.csv`)
        .send(await costsCsv(visit, year));
    }),
  );
  router.post(
    '/kosten/tarieven',
    formPost(
      async (visit, req, res, values) => {
        operationsOnly(visit);
        await visit.call('post', '/tariffs', { body: tariffBody(values) });
        res.redirect(303, `/kosten?jaar=${yearOf(req.query)}&tarief=toegevoegd`);
      },
      (visit, req, values, refused) =>
        costsPage(visit, yearOf(req.query), { values, refused: refusedAmountAt(refused) }),
    ),
  );
  router.get(
    '/kosten/tarieven/:tariffId',
    signedIn(async (visit, req) => {
      operationsOnly(visit);
      return tariffCorrectionPage(visit, String(req.params.tariffId));
    }),
  );
  // A tariff entered wrongly: corrected, or removed when added by mistake; refused, its page again.
  for (const [path, use, body, said, refusedAt] of tariffFixes) {
    router.post(
      `/kosten/tarieven/:tariffId${path}`,
      formPost(
        async (visit, req, res, values) => {
          operationsOnly(visit);
          await visit.call('post', `/tariffs/{tariffId}/${use}`, {
            params: { tariffId: String(req.params.tariffId) },
            body: body(values),
          });
          res.redirect(303, `/kosten?tarief=${said}`);
        },
        (visit, req, values, refused) =>
          tariffCorrectionPage(visit, String(req.params.tariffId), { values, refused: refusedAt(refused) }),
      ),
    );
  }
  router.get(
    '/zorgaanbieders',
    signedIn(async (visit, req) => {
      operationsOnly(visit);
      return providerReviewsPage(visit, undefined, saidOf(reviewChanges, req.query.gesprek));
    }),
  );
  router.post(
    '/zorgaanbieders',
    formPost(
      async (visit, _req, res, values) => {
        operationsOnly(visit);
        // The provider is the address's part, which the API cannot name as a field: none chosen is refused here, as it would be.
        if (!values.providerId) throw new SchemaViolation([{ path: 'body.providerId', message: 'choose a provider' }]);
        await visit.call('post', '/providers/{providerId}/reviews', {
          params: { providerId: values.providerId },
          body: reviewBody(values),
        });
        res.redirect(303, '/zorgaanbieders?gesprek=vastgelegd');
      },
      (visit, _req, values, refused) => providerReviewsPage(visit, { values, refused }),
    ),
  );
}
