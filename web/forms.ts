import { SchemaViolation, type AppError, type ErrorDetail } from '../api/app-error';
import { toAppError } from '../api/errors';
import { refusalLabels, ruleLabels } from '../domain/labels';
import { Html, html } from './html';
import { csrfField } from './session';

/** What went wrong per form field (`client.bsn`), in Dutch. */
export type FieldErrors = Record<string, string>;
/** A refused form's errors beside its fields, the summary above it, and the refusal's code (the API's). */
export type Refused = { errors: FieldErrors; summary?: string; code?: string };
/** What a form was filled in with, by field name. */
export type FormValues = Record<string, string>;

/** A value the field cannot take (the request's schema refused it): the field may say what it takes. */
const invalidValue = 'Deze waarde klopt niet. Controleer wat u hebt ingevuld.';

const ruleMessage = (d: ErrorDetail): string | undefined => {
  const rule = d.rule?.split('.').pop();
  return rule ? ruleLabels[rule] : undefined;
};

/** In the words of the rule or the refusal; otherwise a value the field cannot take, or one the lifecycle refuses. */
const dutchMessage = (d: ErrorDetail, error: AppError): string => {
  const rule = ruleMessage(d);
  if (rule) return rule;
  if (error instanceof SchemaViolation) return invalidValue;
  return refusalLabels[error.code] ?? 'Dit kan niet met deze waarde. Controleer wat u hebt ingevuld.';
};

/** A refusal of the use case, as errors beside the fields it names; anything else is thrown on. */
export function fieldErrors(thrown: unknown): Required<Refused> & { status: number } {
  // Refusals of the workflow arrive as Temporal failures: the same mapping as the API's answers.
  const error = toAppError(thrown);
  if (error.status >= 500 || error.status === 403 || error.status === 404) throw thrown;
  const errors: FieldErrors = {};
  for (const d of error.details ?? []) {
    // Naming no field and no rule (the trajectory's state), it adds nothing to the summary's own words.
    if (!d.path && !ruleMessage(d)) continue;
    const field = d.path?.replace(/^body\./, '') ?? '';
    errors[field] ??= dutchMessage(d, error);
  }
  const summary =
    error.status === 409
      ? 'Dit kan nu niet: de toestand van het traject is intussen veranderd, of het bestaat al.'
      : 'Niet alles is goed ingevuld. Zie de meldingen bij de velden.';
  return { errors, summary, status: error.status, code: error.code };
}

/** The fields of a sent form, without its CSRF token. */
export function formValues(body: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).flatMap(([k, v]) =>
      k !== '_csrf' && typeof v === 'string' ? [[k, v.trim()]] : [],
    ),
  );
}

/** A field's id: unique on the page when several forms share field names (`form` tells them apart). */
const id = (name: string, form?: string) => `veld-${form ? `${form}-` : ''}${name.replace(/[^a-zA-Z0-9]/g, '-')}`;

/** After a label and a colon a message goes on in lower case ("BSN: vul dit veld in."), unless it opens with an abbreviation. */
const afterColon = (message: string) =>
  message.length > 1 && message[1] === message[1]?.toLowerCase()
    ? message[0]?.toLowerCase() + message.slice(1)
    : message;

/**
 * An alert above the form naming what to correct, each item linked to its field and naming it by
 * its label (read out of context, four times "this value is wrong" says nothing): `fields` is the
 * form's markup, rendered first, which carries its fields' labels and messages.
 */
export function errorSummary(summary: string | undefined, errors: FieldErrors, fields: Html, form?: string): Html {
  if (!summary) return html``;
  const rendered = new Map(fields.fields.map((f) => [f.id, f]));
  // A refusal of no field on the form (the trajectory's state) is said without a link to nowhere.
  const item = (name: string, message: string) => {
    const field = rendered.get(id(name, form));
    if (!field) return html`<li>${message}</li>`;
    const text = `${field.label}: ${afterColon(field.message ?? message)}`;
    return html`<li><a class="utrecht-link" href="#${field.id}">${text}</a></li>`;
  };
  return html`<div class="utrecht-alert utrecht-alert--error" role="alert">
    <p class="utrecht-paragraph"><strong>${summary}</strong></p>
    <ul class="utrecht-unordered-list">
      ${Object.entries(errors).map(([name, message]) => item(name, message))}
    </ul>
  </div>`;
}

interface FieldSpec {
  /** The form's key, where one page holds several forms. */
  form?: string;
  name: string;
  label: string;
  value?: string;
  errors: FieldErrors;
  description?: string;
  required?: boolean;
  /** What the field takes, said when a value is there but refused ("a BSN has 9 digits…"). */
  invalid?: string;
}

/** A field of a form filled in (again after a refusal): its name, the value sent, and the refusal's errors. */
export const fieldIn = (f: { form?: string; values: FormValues; refused: Refused }, name: string) => ({
  form: f.form,
  name,
  value: f.values[name],
  errors: f.refused.errors,
});

/**
 * A value refused by its form rather than by a business rule says what to do: fill in a field left
 * empty, or what the field takes.
 */
function messageOf(spec: FieldSpec, choice: boolean): string | undefined {
  const error = spec.errors[spec.name];
  if (error !== invalidValue) return error;
  if (!spec.value?.trim()) return choice ? 'Kies een waarde uit de lijst.' : 'Vul dit veld in.';
  return spec.invalid ?? error;
}

function wrap(spec: FieldSpec, control: (attrs: Html, invalid: boolean) => Html, choice = false): Html {
  const error = messageOf(spec, choice);
  const fieldId = id(spec.name, spec.form);
  const describedBy = [spec.description && `${fieldId}-uitleg`, error && `${fieldId}-fout`].filter(Boolean).join(' ');
  const attrs = html`id="${fieldId}"
  name="${spec.name}"${spec.required ? html` required` : ''}${
    describedBy ? html` aria-describedby="${describedBy}"` : ''
  }${error ? html` aria-invalid="true"` : ''}`;
  const markup = html`<div class="utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}">
    <p class="utrecht-form-field__label">
      <label class="utrecht-form-label" for="${fieldId}">${spec.label}</label>
    </p>
    ${
      spec.description
        ? html`<p class="utrecht-form-field-description" id="${fieldId}-uitleg">${spec.description}</p>`
        : ''
    }
    ${error ? html`<p class="utrecht-form-field-error-message" id="${fieldId}-fout">${error}</p>` : ''}
    <p class="utrecht-form-field__input">${control(attrs, error !== undefined)}</p>
  </div>`;
  return new Html(markup.value, [{ id: fieldId, label: spec.label, ...(error && { message: error }) }]);
}

/** `decimal`: a number as Dutch users type it ("4,5"), on a keyboard with digits where there is one. */
export function textField(spec: FieldSpec & { type?: 'text' | 'date' | 'time' | 'number' | 'decimal' }): Html {
  return wrap(
    spec,
    (attrs) =>
      html`<input
        class="utrecht-textbox utrecht-textbox--html-input"
        type="${spec.type === 'decimal' ? 'text' : (spec.type ?? 'text')}"
        ${spec.type === 'decimal' ? html` inputmode="decimal"` : ''}
        ${attrs}
        value="${spec.value ?? ''}"
      />`,
  );
}

export function selectField(spec: FieldSpec & { options: [string, string][] }): Html {
  return wrap(
    spec,
    // Utrecht's textbox and textarea show aria-invalid themselves; its select needs the class.
    (attrs, invalid) =>
      html`<select
        class="utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}"
        ${attrs}
      >
        ${spec.options.map(
          ([value, label]) =>
            html`<option value="${value}" ${value === spec.value ? html` selected` : ''}>${label}</option>`,
        )}
      </select>`,
    true,
  );
}

export function textArea(spec: FieldSpec): Html {
  return wrap(
    spec,
    (attrs) =>
      html`<textarea class="utrecht-textarea utrecht-textarea--html-textarea" rows="4" ${attrs}>
${spec.value ?? ''}</textarea>`,
  );
}

/**
 * A checkbox or radio button with its words beside it: the label holds its button (Utrecht's form
 * field puts the button in the narrow column, the words beside it).
 */
function choice(c: {
  type: 'checkbox' | 'radio';
  id: string;
  name: string;
  value: string;
  checked: boolean;
  label: string;
}) {
  const kind = c.type === 'checkbox' ? 'checkbox' : 'radio-button';
  return html`<div class="utrecht-form-field utrecht-form-field--${c.type}">
    <p class="utrecht-form-field__label">
      <label class="utrecht-form-label utrecht-form-label--${c.type}" for="${c.id}">
        <input
          class="utrecht-form-field__input utrecht-${kind} utrecht-${kind}--html-input"
          type="${c.type}"
          id="${c.id}"
          name="${c.name}"
          value="${c.value}"
          ${c.checked ? html` checked` : ''}
        />
        ${c.label}
      </label>
    </p>
  </div>`;
}

/** A yes/no question as one checkbox with its label beside it; checked sends "ja". */
export function checkbox(spec: Omit<FieldSpec, 'errors' | 'required' | 'description'>): Html {
  const { name, label } = spec;
  return choice({ type: 'checkbox', id: id(name, spec.form), name, value: 'ja', checked: spec.value === 'ja', label });
}

/** One choice of several: radio buttons under their question (a fieldset whose legend asks it). */
export function radioGroup(spec: { name: string; legend: string; value?: string; options: [string, string][] }): Html {
  const { name } = spec;
  return html`<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
    <legend class="utrecht-form-fieldset__legend">${spec.legend}</legend>
    ${spec.options.map(([value, label]) =>
      choice({ type: 'radio', id: `${id(name)}-${value}`, name, value, checked: value === spec.value, label }),
    )}
  </fieldset>`;
}

/** Several yes/no questions under one heading (a fieldset whose legend says what they are about). */
export function checkboxGroup(spec: {
  legend: string;
  boxes: Omit<FieldSpec, 'errors' | 'required' | 'description'>[];
}): Html {
  return html`<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
    <legend class="utrecht-form-fieldset__legend">${spec.legend}</legend>
    ${spec.boxes.map((box) => checkbox(box))}
  </fieldset>`;
}

/** What a BSN field takes, said when its value is refused. */
export const bsnHint = 'Vul een BSN in van 9 cijfers dat klopt met de elfproef.';

export function submit(label: string, csrf: string): Html {
  return html`${csrfField(csrf)}
    <p><button class="utrecht-button utrecht-button--primary-action" type="submit">${label}</button></p>`;
}
