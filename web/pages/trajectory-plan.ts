import { dutchDate } from '../../domain/dutch-dates';
import { dateOf } from '../../domain/calendar';
import { contactApproachLabels, labelOf, zrmDomainLabels, zrmExpectationLabels } from '../../domain/labels';
import {
  contactApproaches,
  planProgress,
  planStart,
  zrmExpectations,
  type GoalProgress,
} from '../../domain/support-plan';
import { zrmDomains, type ZrmDomain } from '../../domain/zrm';
import { fieldIn, selectField, textArea, textField, type FormValues, type Refused } from '../forms';
import { html, type Html } from '../html';
import { statusMessage, table } from '../layout';
import type { Detail, Filling } from './trajectory-forms';
import { scoreText } from './trajectory-zrm';

/** What was just done with the plan, said above it (`?plan=`). */
export const planChanges = { vastgelegd: 'Het ondersteuningsplan is vastgelegd.' };
export type PlanChanged = keyof typeof planChanges;

type Plan = NonNullable<Detail['supportPlan']>;

const everyWeeksField = 'contact.everyWeeks';
const approachField = 'contact.approach';
const expectedField = (domain: string) => `goals.${domain}.expected`;
const resultField = (domain: string) => `goals.${domain}.result`;

/** The ZRM of a goal: where it started and where it stands ("2 → 3"), or what is still missing. */
function scoresText(g: GoalProgress): string {
  if (g.from === undefined) return 'niet gemeten bij de start';
  return g.to === undefined ? `${g.from} → nog niet opnieuw gemeten` : `${g.from} → ${g.to}`;
}

const reachedText = (g: GoalProgress) =>
  g.reached === undefined ? 'nog niet te zeggen' : g.reached ? 'ja' : 'nog niet';

/** "Contactmomenten: elke 2 weken; beide: pro-actief en reactief." (seed 000, IB0) */
const contactText = (c: NonNullable<Plan['contact']>) =>
  `Contactmomenten: ${c.everyWeeks === 1 ? 'elke week' : `elke ${c.everyWeeks} weken`}; ${labelOf(contactApproachLabels, c.approach).toLowerCase()}.`;

/**
 * The support plan in force (seeds 001-003): per domain the development expected and the result
 * sought, and what the ZRM has measured of it since the plan was agreed. Consultants and providers
 * only; operations get neither plan nor ZRM.
 */
export function planSection(plan: Plan | null, measurements: NonNullable<Detail['zrm']>, changed?: PlanChanged): Html {
  const heading = html`<h2 class="utrecht-heading-2">Ondersteuningsplan</h2>
    ${statusMessage(changed && planChanges[changed])}`;
  if (!plan)
    return html`${heading}
      <p class="utrecht-paragraph">Nog geen ondersteuningsplan vastgelegd.</p>`;
  const progress = planProgress(plan, measurements);
  const judged = progress.goals.filter((g) => g.reached !== undefined);
  const reached = judged.filter((g) => g.reached).length;
  const since = progress.latest
    ? `Volgens de meting van ${dutchDate(progress.latest.assessedOn)}: ${reached} van de ${judged.length} gemeten doelen behaald.`
    : 'Sinds het plan is de zelfredzaamheid nog niet opnieuw gemeten.';
  const rows = progress.goals.map((g) => [
    html`${labelOf(zrmDomainLabels, g.domain)}`,
    html`${labelOf(zrmExpectationLabels, g.expected)}`,
    html`${g.result}`,
    html`${scoresText(g)}`,
    html`${reachedText(g)}`,
  ]);
  return html`${heading}
    <p class="utrecht-paragraph">Afgesproken op ${dutchDate(plan.agreedOn)}. ${since}</p>
    ${plan.contact ? html`<p class="utrecht-paragraph">${contactText(plan.contact)}</p>` : ''}
    ${table(
      'Doelen per leefgebied',
      ['Leefgebied', 'Verwachte ontwikkeling', 'Te bereiken resultaat', 'ZRM bij de start → nu', 'Behaald'],
      rows,
      'Geen leefgebied in het plan.',
    )}`;
}

/** The plan in force as the form's values: a review starts from it. */
function valuesOf(plan: Plan | null | undefined): FormValues {
  return Object.fromEntries([
    ...(plan?.goals ?? []).flatMap((g) => [
      [expectedField(g.domain), g.expected],
      [resultField(g.domain), g.result],
    ]),
    ...(plan?.contact
      ? [
          [everyWeeksField, String(plan.contact.everyWeeks)],
          [approachField, plan.contact.approach],
        ]
      : []),
  ]);
}

const expectationChoices: [string, string][] = [
  ['', 'Niet in dit plan'],
  ...zrmExpectations.map((e): [string, string] => [e, zrmExpectationLabels[e]]),
];

/**
 * Seed 001's "Resultaatgebieden IB", said above the form where the running indication is the
 * Drechtsteden's; IB0 (seed 000) is for clients stable on every domain, whose plan keeps them so.
 */
const domainsRule = (product: RunningProduct) =>
  product.requiresStableZrm
    ? `${product.code} houdt een vinger aan de pols bij een cliënt die op alle leefgebieden stabiel is: vul de leefgebieden in die het plan stabiel wil houden.`
    : 'Individuele begeleiding werkt aan leefgebieden die bij de start van het plan niet of beperkt zelfredzaam zijn (ZRM 2 of 3). Bij acute problematiek (1) alleen aan tijdsbesteding en geestelijke gezondheid; aan justitie alleen samen met geestelijke gezondheid of middelengebruik.';

interface RunningProduct {
  code: string;
  region: string;
  planAgreesContacts: boolean;
  requiresStableZrm: boolean;
}

/** The running indication's product: a Drechtsteden one is bound by seed 001's rule; IB0's plan sets the contact moments. */
async function runningProduct(f: Filling): Promise<RunningProduct | undefined> {
  const running = f.trajectory.indications.find((i) => i.status === 'ACTIVE');
  if (!running) return undefined;
  const catalogue = (await f.visit.call('get', '/products')) as { items: RunningProduct[] };
  return catalogue.items.find((p) => p.code === running.productCode);
}

/** Seed 000, IB0: how often there is contact, and who takes the initiative. */
const contactFields = (f: Filling, product: RunningProduct) =>
  html`<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
    <legend class="utrecht-form-fieldset__legend">Contactmomenten (${product.code})</legend>
    ${textField({
      ...fieldIn(f, everyWeeksField),
      label: 'Elke hoeveel weken is er contact?',
      type: 'number',
      required: true,
      description: 'Bijvoorbeeld 2 voor eens per twee weken; hoogstens 52.',
    })}
    ${selectField({
      ...fieldIn(f, approachField),
      label: 'Wie neemt het initiatief?',
      required: true,
      options: [['', 'Kies wie'], ...contactApproaches.map((a): [string, string] => [a, contactApproachLabels[a]])],
    })}
  </fieldset>`;

/** "Laatste meting (1 december 2026): 2 – niet zelfredzaam": where a plan agreed today starts from. */
function latestScores(f: Filling): (domain: ZrmDomain) => string {
  const latest = planStart(f.trajectory.zrm ?? [], dateOf(new Date()));
  return (domain) =>
    latest
      ? `Laatste meting (${dutchDate(latest.assessedOn)}): ${scoreText(latest.scores, domain)}.`
      : 'Nog niet gemeten.';
}

/** The day agreed and, per domain of the matrix, the development expected and the result sought; a review starts from the plan in force. */
export async function planFields(f: Filling, dateField: Html): Promise<Html> {
  const filled = Object.keys(f.values).length > 0 ? f : { ...f, values: valuesOf(f.trajectory.supportPlan) };
  const scoredNow = latestScores(f);
  const product = await runningProduct(f);
  return html`${dateField} ${product?.planAgreesContacts ? contactFields(filled, product) : ''}
    <p class="utrecht-paragraph">
      Vul alleen de leefgebieden in waar het plan iets verwacht: een toename van de zelfredzaamheid of stabilisatie.
    </p>
    ${product?.region === 'SDD' ? html`<p class="utrecht-paragraph">${domainsRule(product)}</p>` : ''}
    ${zrmDomains.map((d) => {
      const domain = zrmDomainLabels[d] ?? d;
      return html`<fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend">${domain}</legend>
        ${selectField({
          ...fieldIn(filled, expectedField(d)),
          label: `${domain}: verwachte ontwikkeling`,
          options: expectationChoices,
          description: scoredNow(d),
        })}
        ${textArea({ ...fieldIn(filled, resultField(d)), label: `${domain}: te bereiken resultaat` })}
      </fieldset>`;
    })}`;
}

/** `{ agreedOn, goals }`: a domain goes in when either of its fields is filled in (the API refuses half a goal beside its field). */
export function planBody(values: FormValues) {
  const goals = Object.fromEntries(
    zrmDomains.flatMap((d) => {
      const expected = values[expectedField(d)] ?? '';
      const result = values[resultField(d)] ?? '';
      return expected || result ? [[d, { expected, result }]] : [];
    }),
  );
  const [everyWeeks = '', approach = ''] = [values[everyWeeksField], values[approachField]];
  const weeks = /^\d+$/.test(everyWeeks.trim()) ? Number(everyWeeks) : everyWeeks;
  const contact = everyWeeks || approach ? { contact: { everyWeeks: weeks, approach } } : {};
  return { agreedOn: values.agreedOn ?? '', goals, ...contact };
}

/** A plan without any domain is said at the first domain, where the plan starts; one without its contact moments at their first field. */
export function refusedGoalsAt(refused: Refused): Refused {
  const { goals, contact, ...others } = refused.errors;
  const message = 'Vul voor ten minste één leefgebied de verwachte ontwikkeling en het resultaat in.';
  return {
    ...refused,
    errors: {
      ...others,
      ...(goals && { [expectedField(zrmDomains[0])]: message }),
      ...(contact && { [everyWeeksField]: contact }),
    },
  };
}
