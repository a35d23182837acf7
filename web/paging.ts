import type { Visit } from './context';
import { html, type Html } from './html';

/** Rows per page of every list; each page is fetched on its own (limit and offset). */
export const PAGE_SIZE = 25;

/** The page asked for (`?pagina=`), 1 when absent or unreadable. */
export function pageNumberOf(query: Record<string, unknown>): number {
  const n = Number(query.pagina ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** The list query for a page. */
export const pageWindow = (pageNumber: number) => ({
  limit: String(PAGE_SIZE),
  offset: String((pageNumber - 1) * PAGE_SIZE),
});

/** Previous and next page of a list, keeping its other query parameters; nothing when one page holds all. */
export function pagination(path: string, params: Record<string, string>, pageNumber: number, total: number): Html {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages === 1 && pageNumber === 1) return html``;
  const link = (n: number, label: string) =>
    html`<a class="utrecht-link" href="${path}?${new URLSearchParams({ ...params, pagina: String(n) }).toString()}"
      >${label}</a
    >`;
  return html`<nav class="pagination" aria-label="Paginering">
    ${pageNumber > 1 ? link(pageNumber - 1, 'Vorige pagina') : ''}
    <p class="utrecht-paragraph">Pagina ${pageNumber} van ${pages}</p>
    ${pageNumber < pages ? link(pageNumber + 1, 'Volgende pagina') : ''}
  </nav>`;
}

/**
 * Every row a list use case selects, page by page (100 at a time), with the last answer (for what
 * an answer says beside its rows): for an export, never for a page.
 */
export async function allPages<T, A extends object = object>(
  visit: Visit,
  path: string,
  query: Record<string, string> = {},
): Promise<{ rows: T[]; answer: A }> {
  const rows: T[] = [];
  for (let offset = 0; ; offset += 100) {
    const answer = (await visit.call('get', path, {
      query: { ...query, limit: '100', offset: String(offset) },
    })) as A & {
      items: T[];
      total: number;
    };
    rows.push(...answer.items);
    if (answer.items.length === 0 || rows.length >= answer.total) return { rows, answer };
  }
}

/** Every row a list use case selects (`allPages`). */
export const everyRow = async <T>(visit: Visit, path: string, query: Record<string, string> = {}): Promise<T[]> =>
  (await allPages<T>(visit, path, query)).rows;
