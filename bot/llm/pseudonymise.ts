// Replaces people's names, email addresses and phone numbers with placeholders before any text leaves the
// process (METHOD.md §5.3: minimised, pseudonymised prompts). restore() undoes it for text that comes back.
//
// Matching is done on a folded copy of the text (lower case, accents stripped) so "Zoë", "zoe" and "ZOE" all
// match, while the output keeps the original spelling of everything that is not replaced.

export interface Pseudonymised {
  text: string;
  restore(s: string): string;
}

interface Span {
  start: number;
  end: number;
  /** Placeholder group: a person index, or the literal value for emails and phones. */
  key: string;
  kind: 'PERSOON' | 'EMAIL' | 'TELEFOON';
}

// Surname particles: never replaced on their own ("de", "van", "el" are also ordinary words).
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'het',
  'ter',
  'ten',
  'te',
  'le',
  'la',
  'les',
  'du',
  'des',
  'di',
  'da',
  'del',
  'della',
  'dos',
  'el',
  'al',
  'ben',
  'bin',
  'ibn',
  'abu',
  'vande',
  'vanden',
  'vander',
  "d'",
  "'t",
]);

const WORD_CHAR = /[\p{L}\p{N}]/u;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// Belgian/international numbers: +32 470 12 34 56, 0032 9 123 45 67, 0470/12.34.56, 09 123 45 67.
// At least 8 further digits are required so dates like 03/04/2025 (8 digits in all) do not match.
const PHONE = /(?<![\p{L}\p{N}])(?:(?:\+|00)\d{2}[\s./-]?(?:\(0\)[\s./-]?)?|0)\d(?:[\s./-]?\d){7,10}(?![\p{L}\p{N}])/gu;

/** Folds one character: lower case, no diacritics, typographic apostrophes made plain. */
function foldChar(ch: string): string {
  return ch
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase();
}

/** Folded text plus, for every folded index, the index in the original string it came from. */
function foldWithMap(text: string): { folded: string; origin: number[] } {
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

const fold = (s: string): string => foldWithMap(s).folded;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Variant {
  folded: string;
  person: number;
}

/** Full name, first name, last name (all words after the first) and the non-particle surname words. */
function variantsOf(name: string, person: number): Variant[] {
  const words = fold(name).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const forms = new Set<string>([words.join(' ')]);
  if (words.length > 1) {
    // The first name is always replaced, even when it is also a word ("Roos", "Ben"): privacy over fluency.
    forms.add(words[0]!);
    const surname = words.slice(1);
    if (surname.length > 1 || !PARTICLES.has(surname[0]!)) forms.add(surname.join(' '));
    for (const w of surname) if (!PARTICLES.has(w)) forms.add(w);
  }
  return [...forms]
    .filter((f) => [...f].filter((c) => WORD_CHAR.test(c)).length >= 2)
    .map((folded) => ({ folded, person }));
}

function overlaps(spans: Span[], start: number, end: number): boolean {
  return spans.some((s) => start < s.end && end > s.start);
}

/**
 * Pseudonymises `text`. Each person in `names` gets one placeholder (`[PERSOON_n]`, numbered in order of first
 * appearance in the text) for every way they are written: full name, first name, last name. Longer forms win
 * over shorter ones. When two people share a first name, a bare first name goes to the first of them; either
 * way no name leaves the process.
 */
export function pseudonymise(text: string, names: string[]): Pseudonymised {
  const spans: Span[] = [];

  // Emails and phones first: an address like amira.elidrissi@… would otherwise lose only its name part.
  for (const m of text.matchAll(EMAIL)) {
    spans.push({ start: m.index, end: m.index + m[0].length, key: m[0].toLowerCase(), kind: 'EMAIL' });
  }
  for (const m of text.matchAll(PHONE)) {
    const end = m.index + m[0].length;
    if (!overlaps(spans, m.index, end)) {
      spans.push({ start: m.index, end, key: m[0].replace(/\D/g, ''), kind: 'TELEFOON' });
    }
  }

  const variants = names
    .flatMap((n, i) => variantsOf(n, i))
    .sort((a, b) => b.folded.length - a.folded.length || a.person - b.person);
  if (variants.length > 0) {
    const { folded, origin } = foldWithMap(text);
    for (const v of variants) {
      const pattern = v.folded.split(' ').map(escapeRegExp).join('\\s+');
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'gu');
      for (const m of folded.matchAll(re)) {
        const start = origin[m.index]!;
        const end = origin[m.index + m[0].length]!;
        if (!overlaps(spans, start, end)) spans.push({ start, end, key: String(v.person), kind: 'PERSOON' });
      }
    }
  }

  spans.sort((a, b) => a.start - b.start);
  const placeholderOf = new Map<string, string>();
  const originalOf = new Map<string, string>();
  const counters = { PERSOON: 0, EMAIL: 0, TELEFOON: 0 };
  let out = '';
  let at = 0;
  for (const s of spans) {
    const groupKey = `${s.kind}:${s.key}`;
    let placeholder = placeholderOf.get(groupKey);
    if (!placeholder) {
      counters[s.kind] += 1;
      placeholder = `[${s.kind}_${counters[s.kind]}]`;
      placeholderOf.set(groupKey, placeholder);
      // Restore to the first spelling seen in the text, so "Amira" comes back as "Amira", not the full name.
      originalOf.set(placeholder, text.slice(s.start, s.end));
    }
    out += text.slice(at, s.start) + placeholder;
    at = s.end;
  }
  out += text.slice(at);

  return {
    text: out,
    restore(s: string): string {
      // Tolerates a model that changes case or adds spaces inside the brackets; unknown numbers stay as they are.
      return s.replace(/\[\s*(PERSOON|EMAIL|TELEFOON)_(\d+)\s*\]/gi, (whole, kind: string, n: string) => {
        return originalOf.get(`[${kind.toUpperCase()}_${n}]`) ?? whole;
      });
    },
  };
}
