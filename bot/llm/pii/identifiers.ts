// What identifies a client without a name: e-mail addresses, phone numbers, national register numbers
// (rijksregisternummer), bank accounts, street addresses, dates of birth and long reference numbers.
// Patterns are Belgian first (0470 12 34 56, 85.07.30-033.61, Kerkstraat 12 bus 3, 9000 Gent) and cover the
// common English and French forms. When in doubt a span is masked: a lost date costs a reflection nothing.
import { fold } from './fold.js';
import { isCommonWord } from './lexicon.js';

export type IdentifierKind =
  | 'EMAIL'
  | 'TELEFOON'
  | 'RIJKSREGISTERNR'
  | 'REKENINGNR'
  | 'ADRES'
  | 'GEBOORTEDATUM'
  | 'NUMMER';

export interface IdentifierSpan {
  start: number;
  end: number;
  kind: IdentifierKind;
  /** Normalised value: the same identifier written twice gets the same placeholder. */
  key: string;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![\p{L}\p{N}])/gu;
const PHONE_INTERNATIONAL =
  /(?<![\p{L}\p{N}])(?:\+|00)\d{2}[\s./-]?(?:\(0\)[\s./-]?)?\d(?:[\s./-]?\d){6,10}(?![\p{L}\p{N}])/gu;
// YY.MM.DD-XXX.CC in any of the ways people write it: 85.07.30-033.61, 85073003361, 85 07 30-033 61.
const NATIONAL_REGISTER = /(?<![\p{L}\p{N}])\d{2}[.\s]?\d{2}[.\s]?\d{2}[-.\s]?\d{3}[-.\s]?\d{2}(?![\p{L}\p{N}])/gu;
// 0470 12 34 56, 0470/12.34.56, 09 123 45 67: a leading 0 and 9 to 11 digits in all, so 03/04/2025 is no phone.
const PHONE_NATIONAL = /(?<![\p{L}\p{N}+])0\d(?:[\s./-]?\d){7,9}(?![\p{L}\p{N}])/gu;
const LONG_NUMBER = /(?<![\p{L}\p{N}])\d{7,}(?![\p{L}\p{N}])/gu;

const MONTHS =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|' +
  'january|february|march|may|june|july|august|october|' +
  'jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec';
const DAY_MONTH_YEAR = String.raw`\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})`;
const ISO_DATE = String.raw`\d{4}-\d{1,2}-\d{1,2}`;
// An abbreviation's full stop belongs to the date only when a number follows ("3 feb. 1954", not "op 3 mei.").
const DAY_NAME_MONTH = String.raw`\d{1,2}(?:e|ste|de|st|nd|rd|th)?\s+(?:${MONTHS})(?:\.(?=\s?\d))?(?:\s+\d{4})?`;
const NAME_MONTH_DAY = String.raw`(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?`;
const DATE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${ISO_DATE}|${DAY_MONTH_YEAR}|${DAY_NAME_MONTH}|${NAME_MONTH_DAY})(?![\\p{L}\\p{N}])`,
  'giu',
);
// "geboren op", "geboortedatum:", "°", "born on", "DOB", "jarig op", "birthday".
const BIRTH_CUE =
  /(?:geboren|geb\.|geboorte\w*|°|\bborn\b|\bbirth\w*|\bd\.?o\.?b\b|verjaardag|verjaart|jarig|\bbday\b)[^.!?\n]{0,30}$/iu;
const BIRTH_YEAR = /(?:geboren|\bborn\b|°)\s*(?:in|op|on)?\s*((?:19|20)\d{2})(?!\d)/giu;
/** A full date this many years back or more is taken for a date of birth: shifts and appointments are recent. */
const BIRTH_DATE_AGE_YEARS = 12;

const STREET_SUFFIX =
  'straat|straatje|laan|lei|weg|steenweg|plein|pleintje|dreef|kaai|kade|markt|baan|pad|dijk|singel|gracht|vest|' +
  'wal|hof|park|ring|berg|veld|dries|hoek|boulevard|plaats|erf|gaarde|akker|meers|beemd|dam|burcht|hove|wijk';
// Capitalised street words ending in a suffix, with up to three capitalised words before them ("Koning Albertlaan",
// "Grote Markt"), then a house number, a letter and a box ("12 bus 3", "212b", "5/101").
const CAPITALISED_SUFFIX = STREET_SUFFIX.split('|')
  .map((s) => s[0]!.toUpperCase() + s.slice(1))
  .join('|');
const STREET_WITH_NUMBER = new RegExp(
  String.raw`(?:\p{Lu}[\p{L}'’-]*\s+){0,3}(?:\p{Lu}[\p{L}'’-]*(?:${STREET_SUFFIX})|(?:${CAPITALISED_SUFFIX}))\s+\d{1,4}(?:\s?[a-zA-Z](?![\p{L}]))?` +
    String.raw`(?:\s*(?:bus|bte|boîte|box)\s*\d+[a-zA-Z]?|\/\d+)?(?![\p{N}])`,
  'gu',
);
const STREET_ONLY =
  /(?<![\p{L}])\p{Lu}[\p{L}'’-]*(?:straat|laan|lei|steenweg|dreef|kaai|baan|dijk|singel|gracht|weg|plein)(?![\p{L}])/gu;
const ENGLISH_STREET =
  /(?<![\p{L}\p{N}])\d{1,5}[a-zA-Z]?,?\s+(?:\p{Lu}[\p{L}'’-]*\s+){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Close|Way|Court|Ct\.?|Place|Square|Sq\.?|Crescent|Terrace|Grove|Gardens|Boulevard|Blvd\.?|Row|Hill|Park|Mews)(?![\p{L}])/gu;
const FRENCH_STREET =
  /(?<![\p{L}])(?:[Rr]ue|[Aa]venue|[Cc]haussée|[Pp]lace|[Bb]oulevard|[Qq]uai|[Cc]hemin|[Ss]quare|[Aa]llée|[Ii]mpasse)\s+(?:(?:de|du|des|la|le|l'|d')\s*)*\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3}(?:,?\s*\d{1,4}[a-zA-Z]?)?/gu;
// Belgian postcode and municipality: "9000 Gent", "2140 Borgerhout".
const POSTCODE_TOWN = /(?<![\p{L}\p{N}])[1-9]\d{3}\s+\p{Lu}[\p{L}'’-]+(?:[\s-]\p{Lu}[\p{L}'’-]+)?/gu;

function overlaps(spans: readonly { start: number; end: number }[], start: number, end: number): boolean {
  return spans.some((s) => start < s.end && end > s.start);
}

const digits = (s: string) => s.replace(/\D/g, '');

function yearOf(date: string): number | null {
  const iso = /^(\d{4})-/.exec(date);
  if (iso) return Number(iso[1]);
  const four = /(\d{4})\s*$/.exec(date);
  if (four) return Number(four[1]);
  const two = /[./-](\d{2})$/.exec(date);
  if (two) {
    const y = Number(two[1]);
    return y > 30 ? 1900 + y : 2000 + y;
  }
  return null;
}

export interface IdentifierOptions {
  /** "Now", for telling a date of birth from a recent date; default the clock. */
  now?: Date;
}

/** Every identifier in `text`, without overlaps, in text order. */
export function findIdentifiers(text: string, options: IdentifierOptions = {}): IdentifierSpan[] {
  const spans: IdentifierSpan[] = [];
  const add = (start: number, end: number, kind: IdentifierKind, key: string) => {
    if (end > start && !overlaps(spans, start, end)) spans.push({ start, end, kind, key: `${kind}:${key}` });
  };
  const each = (re: RegExp, kind: IdentifierKind, key: (s: string) => string = (s) => s.toLowerCase()) => {
    for (const m of text.matchAll(re)) add(m.index, m.index + m[0].length, kind, key(m[0]));
  };

  // Order matters: an e-mail address holds a name, an international number holds eleven digits.
  each(EMAIL, 'EMAIL');
  each(IBAN, 'REKENINGNR', (s) => s.replace(/\s/g, ''));
  each(PHONE_INTERNATIONAL, 'TELEFOON', (s) => digits(s).replace(/^00/, ''));
  each(NATIONAL_REGISTER, 'RIJKSREGISTERNR', digits);
  each(PHONE_NATIONAL, 'TELEFOON', (s) => `32${digits(s).slice(1)}`);

  const now = options.now ?? new Date();
  for (const m of text.matchAll(DATE)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const year = yearOf(m[0]);
    const old = year !== null && year <= now.getUTCFullYear() - BIRTH_DATE_AGE_YEARS && year >= 1900;
    if (BIRTH_CUE.test(before) || old) add(m.index, m.index + m[0].length, 'GEBOORTEDATUM', m[0].toLowerCase());
  }
  for (const m of text.matchAll(BIRTH_YEAR)) {
    const start = m.index + m[0].length - m[1]!.length;
    add(start, start + 4, 'GEBOORTEDATUM', m[1]!);
  }

  each(STREET_WITH_NUMBER, 'ADRES');
  each(ENGLISH_STREET, 'ADRES');
  each(FRENCH_STREET, 'ADRES');
  for (const m of text.matchAll(STREET_ONLY)) {
    // Mid-sentence only: "Onderweg" or "Uitleg" opening a sentence is no street.
    const opensSentence = /(?:^|[.!?:]\s*)$/u.test(text.slice(0, m.index));
    if (!opensSentence || !isCommonWord(fold(m[0]))) add(m.index, m.index + m[0].length, 'ADRES', fold(m[0]));
  }
  for (const m of text.matchAll(POSTCODE_TOWN)) {
    const code = Number(m[0].slice(0, 4));
    const prev = text.slice(0, m.index).trimEnd();
    // 1900-2099 could be a year ("in 2024 Gent …"); take it for a postcode only after a comma or an address.
    const afterAddress = prev.endsWith(',') || spans.some((s) => s.kind === 'ADRES' && s.end === prev.length);
    if (code < 1900 || code > 2099 || afterAddress) add(m.index, m.index + m[0].length, 'ADRES', m[0].toLowerCase());
  }

  each(LONG_NUMBER, 'NUMMER');
  return spans.sort((a, b) => a.start - b.start);
}
