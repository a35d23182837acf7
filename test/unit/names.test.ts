import { isNameSearch, MAX_NAME_SEARCH_WORDS, nameSearchWords } from '../../domain/names';

describe('looking for a name', () => {
  it('splits what is typed into its words on spaces, hyphens, apostrophes and other punctuation, each once', () => {
    expect(nameSearchWords('  Jansen-de Boer ')).toEqual(['Jansen', 'de', 'Boer']);
    expect(nameSearchWords("van 't Hof, A.")).toEqual(['van', 't', 'Hof', 'A']);
    expect(nameSearchWords('de Vries de')).toEqual(['de', 'Vries']);
    expect(nameSearchWords('-- / --')).toEqual([]);
  });

  it('keeps the letters of every script and composes what was typed decomposed (an ö as o and a diaeresis)', () => {
    expect(nameSearchWords('Ayşe Öztürk')).toEqual(['Ayşe', 'Öztürk']);
    expect(nameSearchWords('O\u0308zt\u00fcrk')).toEqual(['Öztürk']);
    expect(nameSearchWords('Παπαδόπουλος')).toEqual(['Παπαδόπουλος']);
  });

  it('looks only for a word of at least two characters, and not for more words than are compared', () => {
    expect(isNameSearch('de')).toBe(true);
    expect(isNameSearch('a de')).toBe(true);
    expect(isNameSearch('a b c')).toBe(false);
    expect(isNameSearch("'-")).toBe(false);
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    expect(isNameSearch(words(MAX_NAME_SEARCH_WORDS))).toBe(true);
    expect(isNameSearch(words(MAX_NAME_SEARCH_WORDS + 1))).toBe(false);
  });
});
