import { isBusinessDate, startOfDay } from '../../domain/calendar';
import { INTAKE_DAYS } from '../../domain/deadlines';
import { providersOf, type Visit } from '../context';
import {
  bsnHint,
  checkbox,
  errorSummary,
  selectField,
  submit,
  textField,
  type FormValues,
  type Refused,
} from '../forms';
import { html } from '../html';
import { page } from '../layout';

export interface RegisterForm {
  bsn?: string;
  fullName?: string;
  dateOfBirth?: string;
  providerId?: string;
  /** The day the registration came in, when that was before today (the intake is due 14 days after it). */
  registeredOn?: string;
  /** "ja": the consultant corrects the name or date of birth known by this BSN. */
  correctIdentity?: string;
}

/**
 * Aanmelding: the client and the provider, chosen from the list. A BSN known by another name or
 * date of birth is refused; then, and only then, the consultant may state that the known one was
 * wrong and correct it (audited).
 */
export async function registerPage(
  visit: Visit,
  form: RegisterForm = {},
  refused: Refused = { errors: {} },
): Promise<string> {
  const items = await providersOf(visit);
  const { errors } = refused;
  const fields = html`${textField({
    name: 'client.bsn',
    label: 'BSN',
    value: form.bsn,
    errors,
    required: true,
    description: '9 cijfers',
    invalid: bsnHint,
  })}
  ${textField({ name: 'client.fullName', label: 'Naam', value: form.fullName, errors, required: true })}
  ${textField({ name: 'client.dateOfBirth', label: 'Geboortedatum', type: 'date', value: form.dateOfBirth, errors, required: true })}
  ${selectField({
    name: 'providerId',
    label: 'Zorgaanbieder',
    value: form.providerId,
    errors,
    required: true,
    options: [['', 'Kies een zorgaanbieder'], ...items.map((p): [string, string] => [p.id, p.name])],
  })}
  ${textField({
    name: 'registeredAt',
    label: 'Datum van aanmelding',
    type: 'date',
    value: form.registeredOn,
    errors,
    description: `Leeg laten als de aanmelding vandaag is binnengekomen. De intake moet binnen ${INTAKE_DAYS} dagen na deze datum zijn.`,
  })}
  ${
    refused.code === 'IDENTITY_MISMATCH' || form.correctIdentity === 'ja'
      ? checkbox({
          name: 'correctIdentity',
          label:
            'De naam of geboortedatum bij dit BSN is eerder verkeerd vastgelegd: vervang die door wat hierboven staat',
          value: form.correctIdentity,
        })
      : ''
  }`;
  return page(
    'Cliënt aanmelden',
    html`${errorSummary(refused.summary, errors, fields)}
      <form method="post" action="/trajecten/nieuw" novalidate>
        ${fields} ${submit('Aanmelden', visit.viewer.csrf)}
      </form>`,
    visit.viewer,
  );
}

/** The register form's fields as the page fills them in again. */
export const registerForm = (values: FormValues): RegisterForm => ({
  bsn: values['client.bsn'],
  fullName: values['client.fullName'],
  dateOfBirth: values['client.dateOfBirth'],
  providerId: values.providerId,
  registeredOn: values.registeredAt,
  correctIdentity: values.correctIdentity,
});

/** The registration's instant: the start of the day it came in (deadlines count in days), or now. */
const registeredAtOf = (day: string) => (isBusinessDate(day) ? startOfDay(day).toISOString() : day);

export const registerBody = (form: RegisterForm) => ({
  client: { bsn: form.bsn ?? '', fullName: form.fullName ?? '', dateOfBirth: form.dateOfBirth ?? '' },
  providerId: form.providerId ?? '',
  ...(form.registeredOn && { registeredAt: registeredAtOf(form.registeredOn) }),
  ...(form.correctIdentity === 'ja' && { correctIdentity: true }),
});
