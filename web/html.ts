/**
 * A form field as it was rendered (`forms.ts`): its id, its label and the message beside it. It
 * travels up with the markup around it, so that an error summary can name each field it lists.
 */
export interface RenderedField {
  id: string;
  label: string;
  message?: string;
}

/** HTML that is already safe; everything else put into a template is escaped. */
export class Html {
  constructor(
    readonly value: string,
    readonly fields: readonly RenderedField[] = [],
  ) {}
  toString(): string {
    return this.value;
  }
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

const fieldsIn = (value: unknown): readonly RenderedField[] => {
  if (value instanceof Html) return value.fields;
  if (Array.isArray(value)) return value.flatMap(fieldsIn);
  return [];
};

/** A template whose values are escaped unless they are Html themselves (lists are joined). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(
    strings.reduce((out, s, i) => out + render(values[i - 1]) + s),
    values.flatMap(fieldsIn),
  );
}
