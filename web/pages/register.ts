import { providersOf, type Visit } from '../context';
import { errorSummary, selectField, submit, textField, type FieldErrors, type FormValues } from '../forms';
import { html } from '../html';
import { page } from '../layout';

export interface RegisterForm {
  bsn?: string;
  fullName?: string;
  dateOfBirth?: string;
  providerId?: string;
}

/** Aanmelding: the client and the provider, chosen from the list. */
export async function registerPage(
  visit: Visit,
  form: RegisterForm = {},
  refused: { errors: FieldErrors; summary?: string } = { errors: {} },
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
    invalid: 'Vul een BSN in van 9 cijfers dat klopt met de elfproef.',
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
  })}`;
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
});

export const registerBody = (form: RegisterForm) => ({
  client: { bsn: form.bsn ?? '', fullName: form.fullName ?? '', dateOfBirth: form.dateOfBirth ?? '' },
  providerId: form.providerId ?? '',
});
