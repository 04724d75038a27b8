// Folding for matching: lower case, no diacritics, typographic apostrophes made plain. "Zoë", "zoe" and "ZOE" all
// fold to "zoe"; the output of the pseudonymiser keeps the original spelling of everything it does not replace.

/** Folds one character. */
export function foldChar(ch: string): string {
  return ch
    .normalize('NFKD') // also splits ligatures: OpenTaal writes "praktĳk" with the single letter ĳ
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase();
}

/** Folded text plus, for every folded index, the index in the original string it came from. */
export function foldWithMap(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += ch.length;
  }
  origin.push(text.length);
  return { folded, origin };
}

const PLAIN = /^[ -_a-~]*$/;

/** Folds a string; plain ASCII (most words) takes a fast path, since word lists of 200,000 words pass here. */
export const fold = (s: string): string => (PLAIN.test(s) ? s.toLowerCase() : foldWithMap(s).folded);
