// Replaces the names of people and whatever else identifies someone with placeholders before any text leaves the
// process (METHOD.md §5.3: minimised, pseudonymised prompts; docs/privacy.md says what is sent where).
//
// Three sources of spans, in order of precedence:
// 1. identifiers (pii/identifiers.ts): e-mail, phone, national register number, bank account, address, date of
//    birth, long reference numbers;
// 2. the roster: the student and everyone assigned to them, in every way they are written (full name, first
//    name, surname), whatever the case or accents;
// 3. everyone else (pii/person-names.ts): clients, family, colleagues — found by forms of address, capitalisation
//    and word lists, and names used earlier in the same reflection (`context`).
// One person keeps one placeholder within a request ([PERSOON_1] is the same person in the question and the
// answer). The caller's stored text is never touched: only the returned copy is masked.
import { PARTICLES } from './pii/cues.js';
import { fold, foldWithMap } from './pii/fold.js';
import { findIdentifiers, type IdentifierKind } from './pii/identifiers.js';
import { detectNames } from './pii/person-names.js';

export type PlaceholderKind = 'PERSOON' | IdentifierKind;

export interface MaskedSpan {
  start: number;
  end: number;
  kind: PlaceholderKind;
  placeholder: string;
}

export interface Pseudonymised {
  text: string;
  /** What was replaced, in the original text's positions. */
  spans: MaskedSpan[];
  /** Puts the original words back into text that came back from the LLM (for display only, never stored). */
  restore(s: string): string;
}

export interface PseudonymiseOptions {
  /** Earlier answers of the same reflection: a name found there is masked here too. Not part of the output. */
  context?: readonly string[];
  /** The framework's own words (indicator and competence labels): never taken for a name. */
  vocabulary?: readonly string[];
  /** For telling a date of birth from a recent date; default the clock. */
  now?: Date;
}

interface Span {
  start: number;
  end: number;
  kind: PlaceholderKind;
  /** Placeholder group: one person, or one identifier value. */
  key: string;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const KINDS: PlaceholderKind[] = [
  'PERSOON',
  'EMAIL',
  'TELEFOON',
  'RIJKSREGISTERNR',
  'REKENINGNR',
  'ADRES',
  'GEBOORTEDATUM',
  'NUMMER',
];
const PLACEHOLDER = new RegExp(`\\[\\s*(${KINDS.join('|')})_(\\d+)\\s*\\]`, 'gi');

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

function rosterSpans(text: string, names: readonly string[], taken: Span[]): Span[] {
  const spans: Span[] = [];
  const variants = names
    .flatMap((n, i) => variantsOf(n, i))
    .sort((a, b) => b.folded.length - a.folded.length || a.person - b.person);
  if (variants.length === 0) return spans;
  const { folded, origin } = foldWithMap(text);
  for (const v of variants) {
    const pattern = v.folded.split(' ').map(escapeRegExp).join('\\s+');
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of folded.matchAll(re)) {
      const start = origin[m.index]!;
      const end = origin[m.index + m[0].length]!;
      if (!overlaps(taken, start, end) && !overlaps(spans, start, end))
        spans.push({ start, end, kind: 'PERSOON', key: `roster:${v.person}` });
    }
  }
  return spans;
}

const vocabularyWords = (labels: readonly string[]): Set<string> =>
  new Set(labels.flatMap((l) => fold(l).split(/[^\p{L}'-]+/u)).filter((w) => w.length > 2));

/**
 * Pseudonymises `text`. Each person gets one placeholder (`[PERSOON_n]`, numbered in order of first appearance);
 * identifiers get `[EMAIL_n]`, `[TELEFOON_n]`, `[RIJKSREGISTERNR_n]`, `[REKENINGNR_n]`, `[ADRES_n]`,
 * `[GEBOORTEDATUM_n]`, `[NUMMER_n]`. `names` are the roster names that may appear (the student, their mentors).
 */
export function pseudonymise(text: string, names: readonly string[], options: PseudonymiseOptions = {}): Pseudonymised {
  const spans: Span[] = findIdentifiers(text, { now: options.now }).map((s) => ({ ...s }));
  spans.push(...rosterSpans(text, names, spans));

  // Name words of roster people, so "Peeters" found by the detector is the roster's Jan Peeters.
  const alias = new Map<string, string>();
  names.forEach((n, i) => {
    for (const v of variantsOf(n, i)) if (!v.folded.includes(' ')) alias.set(v.folded, `roster:${i}`);
  });

  // Names found anywhere in this reflection are masked wherever they occur, also at the start of a sentence.
  const vocabulary = vocabularyWords(options.vocabulary ?? []);
  const known = new Set<string>();
  for (const t of [...(options.context ?? []), text]) {
    for (const found of detectNames(t, { vocabulary })) {
      for (const f of found.forms) if (!f.endsWith('.') && f.length > 1) known.add(f);
    }
  }
  const detected = detectNames(text, { known, vocabulary });
  for (const d of detected) {
    if (!overlaps(spans, d.start, d.end)) {
      spans.push({ start: d.start, end: d.end, kind: 'PERSOON', key: personKey(d.forms, alias) });
      continue;
    }
    // Partly a roster name ("Jan Verhoeven" where Jan is on the roster): the rest is masked word by word.
    for (const w of text.slice(d.start, d.end).matchAll(/[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*\.?/gu)) {
      const start = d.start + w.index;
      const end = start + w[0].length;
      const word = fold(w[0]);
      if (overlaps(spans, start, end) || PARTICLES.has(word)) continue;
      spans.push({
        start,
        end,
        kind: 'PERSOON',
        key: personKey([word.endsWith('.') && word.length > 2 ? word.slice(0, -1) : word], alias),
      });
    }
  }

  spans.sort((a, b) => a.start - b.start);
  const placeholderOf = new Map<string, string>();
  const originalOf = new Map<string, string>();
  const counters = new Map<PlaceholderKind, number>();
  const masked: MaskedSpan[] = [];
  let out = '';
  let at = 0;
  for (const s of spans) {
    const groupKey = `${s.kind}:${s.key}`;
    let placeholder = placeholderOf.get(groupKey);
    if (!placeholder) {
      const n = (counters.get(s.kind) ?? 0) + 1;
      counters.set(s.kind, n);
      placeholder = `[${s.kind}_${n}]`;
      placeholderOf.set(groupKey, placeholder);
      // Restore to the first spelling seen in the text, so "Amira" comes back as "Amira", not the full name.
      originalOf.set(placeholder, text.slice(s.start, s.end));
    }
    masked.push({ start: s.start, end: s.end, kind: s.kind, placeholder });
    out += text.slice(at, s.start) + placeholder;
    at = s.end;
  }
  out += text.slice(at);

  return {
    text: out,
    spans: masked,
    restore(s: string): string {
      // Tolerates a model that changes case or adds spaces inside the brackets; unknown numbers stay as they are.
      return s.replace(PLACEHOLDER, (whole, kind: string, n: string) => {
        return originalOf.get(`[${kind.toUpperCase()}_${n}]`) ?? whole;
      });
    },
  };
}

/**
 * One key per person: a name word seen before (on the roster or earlier in this text) links to that person;
 * an initial links to the one person found earlier whose name starts with that letter ("mevrouw Verhoeven" … "mevrouw V.").
 */
function personKey(forms: string[], alias: Map<string, string>): string {
  // "Ilse Van den Bossche" after "mevrouw Van den Bossche" may be her daughter: a full name links by its first
  // word only; a single word ("Claes" after "Pieter Claes") links to whoever bore it first.
  const linked = alias.get(forms[0]!);
  if (linked) {
    for (const f of forms) if (!alias.has(f)) alias.set(f, linked);
    return linked;
  }
  let key = `found:${forms.join(' ')}`;
  if (forms.length === 1 && /^\p{L}\.$/u.test(forms[0]!)) {
    const letter = forms[0]![0]!;
    const candidates = new Set(
      [...alias]
        .filter(([f, k]) => k.startsWith('found:') && !f.endsWith('.') && f.startsWith(letter))
        .map(([, k]) => k),
    );
    if (candidates.size === 1) key = [...candidates][0]!;
  }
  for (const f of forms) if (!alias.has(f)) alias.set(f, key);
  return key;
}
