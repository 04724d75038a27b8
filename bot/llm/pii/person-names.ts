// Finds the names of people in a student's text without knowing them in advance: clients, family members,
// colleagues. Errs on the side of masking: a capitalised word in the middle of a sentence is a name unless a word
// list says it is an ordinary word, a place, an organisation, a day or a month.
//
// The signals, strongest first:
// - a form of address before it ("mevrouw Verhoeven", "dhr. Claeys", "Mr O'Brien", "mevrouw V.");
// - a word for a person before it ("cliënt Mohamed", "mijn collega Ruben", "grandma Rose");
// - the name was found elsewhere in the same text or earlier in the reflection (`known`);
// - it is a given name or a surname from the name lists;
// - it is capitalised mid-sentence and no list knows it as anything else;
// - initials: "J.D.", "J. Peeters", "met B. over".
import { ABBREVIATIONS, ARTICLES, LETTER_NOUNS, PARTICLES, PERSON_NOUNS, PLACE_PREPOSITIONS, TITLES } from './cues.js';
import { getLexicon, isCommonWord, type Lexicon } from './lexicon.js';
import { type Token, tokenize } from './tokens.js';

export interface NameSpan {
  start: number;
  end: number;
  /** Folded words of the name without particles: "Van den Broeck" → ["broeck"]; "J.D." → ["j.d."]. */
  forms: string[];
}

export interface DetectOptions {
  /** Folded name words found earlier (in the reflection, or on the roster): masked wherever they appear. */
  known?: ReadonlySet<string>;
  /** Folded words of the framework (indicator and competence labels): never names on their own. */
  vocabulary?: ReadonlySet<string>;
}

/** Dotted capitals that are abbreviations, not initials. */
const DOTTED_ABBREVIATIONS = new Set(['b.v.', 'n.v.', 'e.u.', 'v.s.', 'u.s.', 'p.s.', 'v.z.w.', 'o.c.m.w.', 'a.u.b.']);

type Verdict = 'person' | 'no';

const isWhitespace = (s: string) => /^\s+$/u.test(s);
/** Two tokens belong to one name when only spaces, or an initial's full stop and spaces, separate them. */
const joins = (t: Token) => isWhitespace(t.gap) || /^\.\s*$/u.test(t.gap);

function previousWord(tokens: Token[], i: number): Token | undefined {
  const t = tokens[i]!;
  const p = tokens[i - 1];
  if (!p) return undefined;
  // "mevr. Janssens", "(mevr. B.)": an abbreviation's full stop still counts as adjacent.
  if (isWhitespace(t.gap)) return p;
  if (/^\.\s+$/u.test(t.gap) && (ABBREVIATIONS.has(p.folded) || TITLES.has(p.folded))) return p;
  return undefined;
}

/** The word before, skipping particles: "meneer van den Broeck" → "meneer" for "Broeck". */
function cueBefore(tokens: Token[], i: number): Token | undefined {
  let j = i;
  let p = previousWord(tokens, j);
  while (p && PARTICLES.has(p.folded)) {
    j -= 1;
    p = previousWord(tokens, j);
  }
  return p;
}

function hasTitleBefore(tokens: Token[], i: number): boolean {
  const c = cueBefore(tokens, i);
  return c !== undefined && TITLES.has(c.folded);
}

function hasPersonNounBefore(tokens: Token[], i: number): boolean {
  const c = cueBefore(tokens, i);
  return c !== undefined && !c.capitalised && PERSON_NOUNS.has(c.folded);
}

function letterVerdict(tokens: Token[], i: number): Verdict {
  const t = tokens[i]!;
  if (!t.capitalised) return 'no';
  if (hasTitleBefore(tokens, i) || hasPersonNounBefore(tokens, i)) return 'person';
  if (!t.dot) return 'no';
  const next = tokens[i + 1];
  const prev = tokens[i - 1];
  // Part of a run of initials: "J.D.", "J. D.", "G.V.".
  const cluster =
    (next?.letter && next.capitalised && /^\.\s?$/.test(next.gap)) ||
    (prev?.letter && prev.capitalised && prev.dot && /^\.\s?$/.test(t.gap));
  if (cluster) return 'person';
  if (t.sentenceStart || t.text === 'I') return 'no';
  const before = previousWord(tokens, i);
  if (before && LETTER_NOUNS.has(before.folded)) return 'no';
  return 'person';
}

function hyphenatedVerdict(t: Token, lex: Lexicon): Verdict | undefined {
  if (!t.folded.includes('-')) return undefined;
  const parts = t.folded.split('-').filter(Boolean);
  if (parts.some((p) => lex.given.has(p) || lex.surnames.has(p))) return 'person';
  if (parts.every((p) => lex.notPeople.has(p) || isCommonWord(p, lex) || PARTICLES.has(p))) return 'no';
  return undefined;
}

function wordVerdict(
  tokens: Token[],
  i: number,
  lex: Lexicon,
  options: DetectOptions,
  previousIsPerson: boolean,
): Verdict {
  const t = tokens[i]!;
  const f = t.folded;
  const known = options.known;
  if (t.letter) return letterVerdict(tokens, i);
  if (PARTICLES.has(f) || TITLES.has(f)) return 'no'; // a particle is decided when the name around it is merged
  if (/^i['’]/.test(f)) return 'no'; // I'm, I'd, I've, I'll
  const title = hasTitleBefore(tokens, i);
  if (title) return t.capitalised || !isCommonWord(f, lex) ? 'person' : 'no';
  // OCMW, CAW, VDAB, OK are no people; "JAN" or "PEETERS" written in capitals are.
  if (t.allCaps)
    return f.length > 2 && (lex.given.has(f) || lex.surnames.has(f)) && !lex.neverPeople.has(f) && !lex.notPeople.has(f)
      ? 'person'
      : 'no';
  if (!t.capitalised) {
    // Students write names in lower case too; only names that are no ordinary word are caught that way.
    if (
      (known?.has(f) || lex.given.has(f)) &&
      f.length > 2 &&
      !lex.frequent.has(f) &&
      !isCommonWord(f, lex) &&
      !lex.notPeople.has(f)
    )
      return 'person';
    return 'no';
  }
  if (known?.has(f)) return 'person';
  if (lex.calendar.has(f) || lex.neverPeople.has(f)) return 'no';
  if (hasPersonNounBefore(tokens, i)) return 'person';
  const given = lex.given.has(f);
  const surname = lex.surnames.has(f);
  if (t.sentenceStart) {
    if (lex.frequent.has(f)) return 'no';
    if (given && (lex.givenBelgian.has(f) || !isCommonWord(f, lex))) return 'person';
    // "Walter weigerde", "Roger riep": a proper noun of the Dutch dictionary that no list knows as a place.
    if (lex.properNames.has(f) && !lex.notPeople.has(f) && !isCommonWord(f, lex)) return 'person';
    if (surname && !isCommonWord(f, lex) && !lex.notPeople.has(f)) return 'person';
    // "Svetlana kwam te laat.": a word no list knows, followed by an ordinary lower-case word.
    const next = tokens[i + 1];
    const unknown =
      !lex.notPeople.has(f) &&
      !lex.properNames.has(f) &&
      !options.vocabulary?.has(f) &&
      !f.includes('-') &&
      !isCommonWord(f, lex);
    if (unknown && next && !next.capitalised && isWhitespace(next.gap) && isCommonWord(next.folded, lex))
      return 'person';
    return 'no';
  }
  const before = previousWord(tokens, i);
  if (before && !before.capitalised && PLACE_PREPOSITIONS.has(before.folded) && !given) return 'no';
  // "de Colruyt", "het Rode Kruis", "the Red Cross"; but "Jan de Vries" keeps its surname and Flemish "de Jan"
  // its given name.
  if (before && !before.capitalised && ARTICLES.has(before.folded) && !(given && before.folded === 'de')) {
    const owner = previousWord(tokens, i - 1);
    if (!(surname && owner?.capitalised && lex.given.has(owner.folded))) return 'no';
  }
  // "AZ Groeninge", "OCMW Aalst", "UZ Gent": a word after an acronym names the organisation.
  if (before?.allCaps && !given) return 'no';
  // "Red Cross", "Rode Kruis", "European Parliament": a word after a capitalised ordinary word is part of a name
  // of a thing.
  if (
    before?.capitalised &&
    !before.letter &&
    !previousIsPerson &&
    !PARTICLES.has(before.folded) &&
    !TITLES.has(before.folded)
  ) {
    const b = before.folded;
    if (!before.sentenceStart && (isCommonWord(b, lex) || lex.notPeople.has(b))) return 'no';
  }
  if (given || surname) return 'person';
  const hyphenated = hyphenatedVerdict(t, lex);
  if (hyphenated) return hyphenated;
  if (lex.notPeople.has(f) || options.vocabulary?.has(f)) return 'no';
  if (isCommonWord(f, lex) && !lex.properNames.has(f)) return 'no';
  return 'person';
}

/** Person names in `text`, longest runs first merged: "Pieter Claes", "mevrouw Van den Broeck" → "Van den Broeck". */
export function detectNames(text: string, options: DetectOptions = {}, lex: Lexicon = getLexicon()): NameSpan[] {
  const tokens = tokenize(text);
  const person: boolean[] = [];
  tokens.forEach((_, i) => {
    person.push(wordVerdict(tokens, i, lex, options, person[i - 1] === true) === 'person');
  });

  // A capitalised word that starts a sentence belongs to the name after it when it could be a name itself:
  // "Pieter Claes keek mee", "Verhoeven Marc belde".
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1]!;
    if (!person[i] && person[i + 1] && t.capitalised && !t.allCaps && t.sentenceStart && isWhitespace(next.gap)) {
      const f = t.folded;
      if (
        !lex.frequent.has(f) &&
        !lex.calendar.has(f) &&
        !TITLES.has(f) &&
        !PARTICLES.has(f) &&
        (lex.given.has(f) || !isCommonWord(f, lex))
      )
        person[i] = true;
    }
  }

  const spans: NameSpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!person[i] && !isLeadingParticle(tokens, person, i)) {
      i++;
      continue;
    }
    let j = i;
    const forms: string[] = [];
    let lastPerson = -1;
    while (
      j < tokens.length &&
      (j === i || isWhitespace(tokens[j]!.gap) || (tokens[j - 1]!.letter && joins(tokens[j]!))) &&
      (person[j] || isLeadingParticle(tokens, person, j) || (j > i && PARTICLES.has(tokens[j]!.folded)))
    ) {
      if (person[j]) {
        lastPerson = j;
        forms.push(tokens[j]!.letter ? `${tokens[j]!.folded}.` : tokens[j]!.folded);
      }
      j++;
    }
    if (lastPerson < 0) {
      i = j;
      continue;
    }
    const first = tokens[i]!;
    const last = tokens[lastPerson]!;
    const end = last.letter && last.dot ? last.end + 1 : last.end;
    const initials = forms.every((f) => f.length === 2 && f.endsWith('.'));
    if (initials && DOTTED_ABBREVIATIONS.has(forms.join(''))) {
      i = lastPerson + 1;
      continue;
    }
    spans.push({ start: first.start, end, forms: initials ? [forms.join('')] : forms });
    i = lastPerson + 1;
  }
  return spans;
}

/**
 * A particle opens or continues a name when a name word follows in the same run, and it is capitalised
 * ("De Smet", "Van den Broeck") or follows a title or a name word ("meneer van Dijk", "Jan de Vries").
 */
function isLeadingParticle(tokens: Token[], person: boolean[], i: number): boolean {
  const t = tokens[i]!;
  if (!PARTICLES.has(t.folded)) return false;
  let k = i + 1;
  while (k < tokens.length && PARTICLES.has(tokens[k]!.folded) && isWhitespace(tokens[k]!.gap)) k++;
  if (k >= tokens.length || !person[k] || !isWhitespace(tokens[k]!.gap)) return false;
  if (!tokens[k]!.capitalised && !tokens[k]!.letter) return false;
  if (t.capitalised && !t.sentenceStart) return true;
  const p = previousWord(tokens, i);
  // Capitalised at the start of a sentence ("De Smet belde") is a particle only before a known surname.
  if (t.capitalised && t.sentenceStart)
    return getLexicon().surnames.has(tokens[k]!.folded) || !isCommonWord(tokens[k]!.folded);
  return p !== undefined && (TITLES.has(p.folded) || person[i - 1] === true);
}
