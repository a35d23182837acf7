import type { Role } from '../../prisma/client';
import { isBusinessDate, wallClockInstant } from '../../domain/calendar';
import { closureReasonLabel, closureReasons } from '../../domain/closure-reasons';
import { endEvaluationOutcomes } from '../../domain/lifecycle';
import { endEvaluationLabels, productConditionLabels } from '../../domain/labels';
import { productConditions } from '../../domain/indication-rules';
import type { z } from 'zod';
import type { CareView } from '../../api/care-view';
import type { trajectoryDetail } from '../../api/responses';
import { providersOf, type Visit } from '../context';
import {
  checkbox,
  checkboxGroup,
  fieldIn,
  radioGroup,
  selectField,
  textArea,
  textField,
  type FormValues,
  type Refused,
} from '../forms';
import { html, type Html } from '../html';
import { declaredMonths, minuteFields, monthField, monthFiguresOf, monthsToDeclare } from './trajectory-hours';
import { planBody, planFields, refusedGoalsAt } from './trajectory-plan';
import { refusedScoresAt, zrmFields, zrmOf } from './trajectory-zrm';
import { hourly, hours, hoursHint, inCare } from './trajectory-form-parts';
import { requestForms } from './trajectory-requests';

/** A form as the trajectory page shows it: a lifecycle form, or a task's (trajectory-tasks.ts). */
export type PageForm = Pick<TrajectoryForm, 'key' | 'title' | 'button' | 'primary' | 'fields'>;

/** What the trajectory page knows of the trajectory (GET /trajectories/{id}). */
export type Detail = z.output<typeof trajectoryDetail>;

/** One form's fields, filled in again after a refusal. */
export interface Filling {
  visit: Visit;
  form: string;
  values: FormValues;
  refused: Refused;
  trajectory: Detail;
}

/**
 * A form on the trajectory page: who sees it and when, its fields, and the API use case it calls
 * (`POST /trajectories/{id}/<action>`) with the body made from the fields.
 */
export interface TrajectoryForm {
  /** Its address under the trajectory (`/trajecten/{id}/<key>`) and its field ids. */
  key: string;
  title: string;
  /** The button's words, when they differ from the title. */
  button?: string;
  action: string;
  /** Who may send it: one role, or several (a ZRM measurement: the consultant and the provider). */
  role: Role | readonly Role[];
  /** The next step of the lifecycle: shown open, the others folded away. */
  primary?: boolean;
  applies(t: Detail): boolean;
  fields(filling: Filling): Html | Promise<Html>;
  body(values: FormValues): object;
  /** Where a refusal belongs when the body joins fields (the API names `occurredAt`, the form asks a date and a time). */
  refusedAt?(refused: Refused, values: FormValues): Refused;
  /** The query the page is shown with after success. */
  after?: string;
  /** Another page to go to after success, from the API's answer (a transfer: the new trajectory's). */
  onward?(answer: unknown): string;
}

const reasonField = (f: Filling, label: string) =>
  textArea({ ...fieldIn(f, 'reason'), label, required: true, description: 'De reden wordt bij de correctie bewaard.' });

/** A form of one date field, sent as `{ [name]: date }`. */
const oneDate = (name: string, label: string): Pick<TrajectoryForm, 'fields' | 'body'> => ({
  fields: (f) => textField({ ...fieldIn(f, name), label, type: 'date', required: true }),
  body: (v) => ({ [name]: v[name] ?? '' }),
});

/** An instant from the date and the clock time on Amsterdam's wall clock; unreadable input goes on as typed. */
function instantOf(date = '', time = ''): string {
  const clock = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!isBusinessDate(date) || !clock) return `${date} ${time}`.trim();
  return wallClockInstant(date, Number(clock[1]) * 60 + Number(clock[2])).toISOString();
}

interface Product {
  code: string;
  name: string;
  region: string;
  surchargeFor: string[];
  conditions: string[];
}

/** Seed 004: a product given "uitsluitend indien" asks the consultant to confirm each condition. */
const conditionFields = (f: Filling, products: Product[]) =>
  products
    .filter((p) => p.conditions.length)
    .map((p) =>
      checkboxGroup({
        legend: `Alleen bij ${p.code} – ${p.name}: wordt uitsluitend toegekend als elk van deze geldt`,
        boxes: productConditions
          .filter((c) => p.conditions.includes(c))
          .map((c) => ({ ...fieldIn(f, `voorwaarde-${c}`), label: productConditionLabels[c] })),
      }),
    );

/** Product (of the team's region), period, hours per week, the surcharge where the region has one, and the ZRM: a decision and a product change. */
async function indicationFields(f: Filling): Promise<Html> {
  const [me, catalogue] = (await Promise.all([f.visit.call('get', '/me'), f.visit.call('get', '/products')])) as [
    { team: { region: string } | null },
    { items: Product[] },
  ];
  const ofRegion = catalogue.items.filter((p) => p.region === me.team?.region);
  // A surcharge (opslag) is not decided on its own (domain/indication-rules.ts): it goes with its category.
  const products = ofRegion.filter((p) => p.surchargeFor.length === 0);
  const surcharged = ofRegion.flatMap((p) => p.surchargeFor);
  return html`${selectField({
    ...fieldIn(f, 'productCode'),
    label: 'Product',
    required: true,
    options: [['', 'Kies een product'], ...products.map((p): [string, string] => [p.code, `${p.code} – ${p.name}`])],
  })}
  ${
    surcharged.length
      ? checkbox({
          ...fieldIn(f, 'surcharge'),
          label: `Met opslag bij (zeer) ernstige gedragsproblematiek (alleen bij ${surcharged.join(', ')})`,
        })
      : ''
  }
  ${conditionFields(f, products)}
  ${textField({ ...fieldIn(f, 'startDate'), label: 'Begindatum', type: 'date', required: true })}
  ${textField({ ...fieldIn(f, 'endDate'), label: 'Einddatum', type: 'date', required: true })}
  ${textField({
    ...fieldIn(f, 'hoursPerWeek'),
    label: 'Uren per week',
    type: 'decimal',
    invalid: hoursHint,
    description: 'Alleen bij producten die per uur worden gefinancierd; anders leeg laten.',
  })}
  ${zrmFields(f)}`;
}

function indicationBody(values: FormValues) {
  return {
    productCode: values.productCode ?? '',
    ...(values.surcharge === 'ja' && { surcharge: true }),
    conditions: productConditions.filter((c) => values[`voorwaarde-${c}`] === 'ja'),
    startDate: values.startDate ?? '',
    endDate: values.endDate ?? '',
    hoursPerWeek: hours(values.hoursPerWeek) ?? null,
    zrm: zrmOf(values),
  };
}

/**
 * A surcharge the product has none of, or a condition not confirmed, is said beside the product:
 * the checkboxes have no room for it.
 */
function refusedBesideProduct(refused: Refused): Refused {
  const { surcharge, conditions, ...others } = refused.errors;
  const said = surcharge ?? conditions;
  return said ? { ...refused, errors: { productCode: said, ...others } } : refused;
}

const noNextPeriod = (care: CareView) => care.extension !== 'GRANTED';

/** Seed 003: the intake is the screening whether the client fits the provider; if not, why (the consultant reads it). */
const intakeFields = (f: Filling) =>
  html`${textField({ ...fieldIn(f, 'heldOn'), label: 'Datum van de intake', type: 'date', required: true })}
  ${radioGroup({
    name: 'suitable',
    legend: 'Past de cliënt bij uw organisatie?',
    value: f.values.suitable ?? 'ja',
    options: [
      ['ja', 'Ja'],
      ['nee', 'Nee: de consulent zoekt een andere aanbieder'],
    ],
  })}
  ${textArea({
    ...fieldIn(f, 'motivation'),
    label: 'Waarom past de cliënt niet?',
    description: 'Alleen bij nee, en dan verplicht. De consulent leest dit bij het traject.',
  })}`;

const intakeBody = (v: FormValues) =>
  v.suitable === 'nee'
    ? { heldOn: v.heldOn ?? '', suitable: false, motivation: v.motivation ?? '' }
    : { heldOn: v.heldOn ?? '' };

/** Every form of the trajectory page, in the lifecycle's order (seed 003). */
export const trajectoryForms: TrajectoryForm[] = [
  {
    key: 'intake',
    title: 'Intake vastleggen',
    action: 'intake',
    role: 'PROVIDER',
    primary: true,
    applies: (t) => t.phase === 'REGISTERED',
    fields: intakeFields,
    body: intakeBody,
  },
  {
    key: 'intake-corrigeren',
    title: 'Datum van de intake corrigeren',
    action: 'intake-correction',
    role: 'PROVIDER',
    applies: (t) => t.phase === 'INTAKE_HELD' || t.phase === 'ACTIVE',
    fields: (f) =>
      html`${textField({ ...fieldIn(f, 'heldOn'), label: 'Juiste datum van de intake', type: 'date', required: true })}
      ${reasonField(f, 'Waarom klopte de datum niet?')}`,
    body: (v) => ({ heldOn: v.heldOn ?? '', reason: v.reason ?? '' }),
  },
  {
    key: 'indicatie',
    title: 'Indicatie besluiten',
    action: 'indication',
    role: 'CONSULTANT',
    primary: true,
    applies: (t) => t.phase === 'INTAKE_HELD',
    fields: indicationFields,
    body: indicationBody,
    refusedAt: refusedBesideProduct,
  },
  {
    key: 'uren',
    title: 'Uren verantwoorden',
    action: 'hour-declarations',
    role: 'PROVIDER',
    primary: true,
    applies: inCare((care, t) => hourly(care) && monthsToDeclare(t).length > 0),
    fields: (f) => html`${monthField(f, monthsToDeclare(f.trajectory))} ${minuteFields(f)}`,
    body: monthFiguresOf,
    after: '?uren=verantwoord',
  },
  {
    key: 'uren-corrigeren',
    title: 'Verantwoorde uren corrigeren',
    button: 'Correctie vastleggen',
    action: 'hour-corrections',
    role: 'PROVIDER',
    applies: inCare((care, t) => hourly(care) && declaredMonths(t).length > 0),
    fields: (f) =>
      html`${monthField(f, declaredMonths(f.trajectory))}
        <p class="utrecht-paragraph">Vul de minuten van de maand in zoals ze hadden moeten zijn.</p>
        ${minuteFields(f)} ${reasonField(f, 'Waarom worden de uren gecorrigeerd?')}`,
    body: (v) => ({ ...monthFiguresOf(v), reason: v.reason ?? '' }),
    after: '?uren=gecorrigeerd',
  },
  {
    key: 'zrm-meting',
    title: 'Zelfredzaamheid meten (ZRM)',
    button: 'Meting vastleggen',
    action: 'zrm-assessments',
    role: ['PROVIDER', 'CONSULTANT'],
    applies: inCare(),
    fields: (f) =>
      html`${textField({ ...fieldIn(f, 'assessedOn'), label: 'Datum van de meting', type: 'date', required: true })}
      ${zrmFields(f)}`,
    body: (v) => ({ assessedOn: v.assessedOn ?? '', scores: zrmOf(v) }),
    refusedAt: refusedScoresAt,
    after: '?zrm=gemeten',
  },
  {
    key: 'ondersteuningsplan',
    title: 'Ondersteuningsplan vastleggen',
    button: 'Plan vastleggen',
    action: 'support-plans',
    role: 'PROVIDER',
    applies: inCare(),
    fields: (f) =>
      planFields(
        f,
        textField({ ...fieldIn(f, 'agreedOn'), label: 'Afgesproken met de cliënt op', type: 'date', required: true }),
      ),
    body: (v) => planBody(v),
    refusedAt: (refused) => refusedGoalsAt(refused),
    after: '?plan=vastgelegd',
  },
  {
    key: 'niet-verschenen',
    title: 'Niet verschenen vastleggen',
    action: 'no-shows',
    role: 'PROVIDER',
    applies: inCare(),
    fields: (f) =>
      html`${textField({ ...fieldIn(f, 'occurredAt'), label: 'Datum van de afspraak', type: 'date', required: true })}
      ${textField({ ...fieldIn(f, 'occurredTime'), label: 'Tijd van de afspraak', type: 'time', required: true })}
      ${checkbox({ ...fieldIn(f, 'afterKeptAppointment'), label: 'De cliënt is sinds de vorige keer wel op een afspraak verschenen' })}`,
    body: (v) => ({
      occurredAt: instantOf(v.occurredAt, v.occurredTime),
      afterKeptAppointment: v.afterKeptAppointment === 'ja',
    }),
    // An instant refused for want of a time is the time field's to say; the date's only if it is empty too.
    refusedAt: (refused, v) => {
      const { occurredAt, ...others } = refused.errors;
      if (!occurredAt || v.occurredTime) return refused;
      return { ...refused, errors: { ...others, ...(!v.occurredAt && { occurredAt }), occurredTime: occurredAt } };
    },
  },
  ...requestForms,
  {
    key: 'einddatum',
    title: 'Einddatum wijzigen',
    action: 'end-date',
    role: 'CONSULTANT',
    applies: inCare(noNextPeriod),
    ...oneDate('newEndDate', 'Nieuwe einddatum'),
  },
  {
    key: 'op-afschalen',
    title: 'Op- of afschalen (ander product of andere uren)',
    button: 'Indicatie wijzigen',
    action: 'product-change',
    role: 'CONSULTANT',
    applies: inCare(noNextPeriod),
    fields: async (f) =>
      html`<p class="utrecht-paragraph">
          Een ander product, of hetzelfde product met minder (of meer) uren per week of met of zonder opslag. Het geldt
          vanaf de begindatum; de lopende indicatie eindigt de dag ervoor.
        </p>
        ${await indicationFields(f)}`,
    body: indicationBody,
    refusedAt: refusedBesideProduct,
  },
  {
    key: 'eindevaluatie',
    title: 'Eindevaluatie vastleggen',
    action: 'end-evaluation',
    role: 'CONSULTANT',
    applies: inCare((care) => care.endEvaluation.due && care.endEvaluation.outcome === null),
    fields: (f) =>
      selectField({
        ...fieldIn(f, 'outcome'),
        label: 'Uitkomst',
        required: true,
        options: [
          ['', 'Kies een uitkomst'],
          ...endEvaluationOutcomes.map((o): [string, string] => [o, endEvaluationLabels[o] ?? o]),
        ],
      }),
    body: (v) => ({ outcome: v.outcome ?? '' }),
  },
  {
    key: 'overstap',
    title: 'Overstap naar een andere zorgaanbieder',
    button: 'Cliënt overzetten',
    action: 'transfer',
    role: 'CONSULTANT',
    applies: (t) => t.phase !== 'CLOSED',
    fields: async (f) => {
      const others = (await providersOf(f.visit)).filter((p) => p.id !== f.trajectory.providerId);
      return html`<p class="utrecht-paragraph">
          De cliënt wordt aangemeld bij de gekozen zorgaanbieder, die binnen twee weken een intake houdt, en dit traject
          wordt afgesloten met reden ${closureReasonLabel('OTHER_PROVIDER')}.
        </p>
        ${selectField({
          ...fieldIn(f, 'providerId'),
          label: 'Nieuwe zorgaanbieder',
          required: true,
          options: [['', 'Kies een zorgaanbieder'], ...others.map((p): [string, string] => [p.id, p.name])],
        })}`;
    },
    body: (v) => ({ providerId: v.providerId ?? '' }),
    onward: (answer) => `/trajecten/${(answer as { trajectoryId: string }).trajectoryId}?overstap=1`,
  },
  {
    key: 'afsluiten',
    title: 'Traject afsluiten',
    action: 'close',
    role: 'CONSULTANT',
    applies: (t) => t.phase !== 'CLOSED',
    fields: (f) =>
      selectField({
        ...fieldIn(f, 'reason'),
        label: 'Reden van beëindiging (iWmo-code)',
        required: true,
        options: [['', 'Kies een reden'], ...closureReasons.map((r): [string, string] => [r, closureReasonLabel(r)])],
      }),
    body: (v) => ({ reason: v.reason ?? '' }),
  },
];
