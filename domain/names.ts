/**
 * How a name is looked for. Each word of what is typed must occur somewhere in the name, in any
 * order, so that "de vries" finds "Jan de Vries" and "jansen boer" finds "A. Jansen-de Boer"; case
 * and accents are ignored where the words are compared (prisma/records/client-search.ts).
 */

/** At most this many words are compared: a name is seldom longer, and each word costs a comparison per client. */
export const MAX_NAME_SEARCH_WORDS = 8;

/** The words of a name as typed: split on spaces, hyphens, apostrophes and other punctuation, each once. */
export function nameSearchWords(typed: string): string[] {
  const words = typed.normalize('NFC').split(/[\s\p{P}\p{S}]+/u);
  return [...new Set(words.filter((w) => w.length > 0))];
}

/**
 * Whether the typed text can be looked for: one word of at least two characters (a single letter
 * finds half the clients), and not more words than are compared.
 */
export function isNameSearch(typed: string): boolean {
  const words = nameSearchWords(typed);
  return words.some((w) => [...w].length >= 2) && words.length <= MAX_NAME_SEARCH_WORDS;
}
