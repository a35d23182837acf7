import { zrmDomains } from '../../domain/zrm';
import { zrmDomainLabels } from '../../domain/labels';
import type { Visit } from '../context';
import { errorSummary, selectField, submit, textField, type FieldErrors } from '../forms';
import { html, type Html } from '../html';

export type Refused = { errors: FieldErrors; summary?: string };
export type FormValues = Record<string, string>;

/** The provider records the intake (seed 003: within two weeks of the registration). */
export function intakeForm(visit: Visit, trajectoryId: string, values: FormValues, refused: Refused): Html {
  return html`<h2 class="utrecht-heading-2">Intake vastleggen</h2>
    ${errorSummary(refused.summary, refused.errors)}
    <form method="post" action="/trajecten/${trajectoryId}/intake" novalidate>
      ${textField({ name: 'heldOn', label: 'Datum van de intake', type: 'date', value: values.heldOn, errors: refused.errors, required: true })}
      ${submit('Intake vastleggen', visit.viewer.csrf)}
    </form>`;
}

interface Product {
  code: string;
  name: string;
  region: string;
  volumeUnit: string;
}

/** The consultant decides the indication: a product of the team's region, the period, hours and the ZRM. */
export async function indicationForm(
  visit: Visit,
  trajectoryId: string,
  values: FormValues,
  refused: Refused,
): Promise<Html> {
  const [me, catalogue] = (await Promise.all([visit.call('get', '/me'), visit.call('get', '/products')])) as [
    { team: { region: string } | null },
    { items: Product[] },
  ];
  const products = catalogue.items.filter((p) => p.region === me.team?.region);
  const scores: [string, string][] = [
    ['', 'Niet gescoord'],
    ...[1, 2, 3, 4, 5].map((n): [string, string] => [String(n), String(n)]),
  ];
  const { errors } = refused;
  return html`<h2 class="utrecht-heading-2">Indicatie besluiten</h2>
    ${errorSummary(refused.summary, errors)}
    <form method="post" action="/trajecten/${trajectoryId}/indicatie" novalidate>
      ${selectField({
        name: 'productCode',
        label: 'Product',
        value: values.productCode,
        errors,
        required: true,
        options: [
          ['', 'Kies een product'],
          ...products.map((p): [string, string] => [p.code, `${p.code} – ${p.name}`]),
        ],
      })}
      ${textField({ name: 'startDate', label: 'Begindatum', type: 'date', value: values.startDate, errors, required: true })}
      ${textField({ name: 'endDate', label: 'Einddatum', type: 'date', value: values.endDate, errors, required: true })}
      ${textField({
        name: 'hoursPerWeek',
        label: 'Uren per week',
        type: 'number',
        step: '0.25',
        value: values.hoursPerWeek,
        errors,
        description: 'Alleen bij producten die per uur worden gefinancierd; anders leeg laten.',
      })}
      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend">Zelfredzaamheidsmatrix (1 tot en met 5)</legend>
        ${zrmDomains.map((d) =>
          selectField({
            name: `zrm.${d}`,
            label: zrmDomainLabels[d] ?? d,
            value: values[`zrm.${d}`],
            errors,
            options: scores,
          }),
        )}
      </fieldset>
      ${submit('Indicatie besluiten', visit.viewer.csrf)}
    </form>`;
}

export function indicationBody(values: FormValues) {
  const zrm = Object.fromEntries(
    zrmDomains.flatMap((d) => (values[`zrm.${d}`] ? [[d, Number(values[`zrm.${d}`])]] : [])),
  );
  return {
    productCode: values.productCode ?? '',
    startDate: values.startDate ?? '',
    endDate: values.endDate ?? '',
    hoursPerWeek: values.hoursPerWeek ? Number(values.hoursPerWeek.replace(',', '.')) : null,
    zrm,
  };
}

/** The provider declares a month's hours (seed 003: per month); the use of the allocation follows. */
export function hoursForm(visit: Visit, trajectoryId: string, values: FormValues, refused: Refused): Html {
  const { errors } = refused;
  return html`<h2 class="utrecht-heading-2">Uren verantwoorden</h2>
    ${errorSummary(refused.summary, errors)}
    <form method="post" action="/trajecten/${trajectoryId}/uren" novalidate>
      ${textField({ name: 'month', label: 'Maand (eerste dag)', type: 'date', value: values.month, errors, required: true })}
      ${textField({ name: 'directMinutes', label: 'Direct (minuten)', type: 'number', value: values.directMinutes, errors, required: true })}
      ${textField({ name: 'indirectMinutes', label: 'Indirect (minuten)', type: 'number', value: values.indirectMinutes ?? '0', errors, required: true })}
      ${textField({ name: 'digitalMinutes', label: 'Waarvan digitaal (minuten)', type: 'number', value: values.digitalMinutes ?? '0', errors, required: true })}
      ${submit('Uren verantwoorden', visit.viewer.csrf)}
    </form>`;
}

export const hoursBody = (values: FormValues) => ({
  month: values.month ?? '',
  directMinutes: Number(values.directMinutes || NaN),
  indirectMinutes: Number(values.indirectMinutes || 0),
  digitalMinutes: Number(values.digitalMinutes || 0),
});
