// Deterministic indicator suggestions: what runs without an LLM (no key, or a school policy that forbids one),
// when the LLM fails, and in tests. It only says which indicators a reflection seems to be about; never a level.
//
// Method (measured with `npm run bench -- tagging`): every indicator is a small document made of its label
// (weight 1), its look-fors and its competence label (lower weights, MATCHER_TUNING), in both languages.
// Words are stemmed (Snowball plus Dutch verb-form rules), strong verbs mapped to their infinitive and folded
// into concepts (synonyms.ts); adjacent word pairs add multi-word cues ("eigen woorden", "sociale kaart").
// A reflection term scores BM25-style: its idf over the indicators (a word found under one indicator says much,
// one found under many says little) times its weight in the indicator, with a document-length normalisation.
// Words a negation reaches ("ik heb níet doorverwezen") count for less, while a negated verb of telling ("ik mag
// daar niks over zeggen") adds a term of its own, on both sides (matcher-text.ts); "voorstellen" without a
// reflexive pronoun is proposing, not introducing oneself. Unknown words are tried as Dutch compounds of two known
// words and as one-letter typos of known words. Indicators below a minimum score, or far below the best one, are
// not shown, so "none fits" is a possible answer; of those shown, only clear matches come pre-ticked.
// A framework may also carry labelled example reflections per indicator: a reflection then also scores by its
// BM25 similarity to the centroid of each indicator's examples (Rocchio), less the mean over all indicators, so
// the words students really use for an indicator count, while words every reflection uses do not.
import { contentWords, dutchSense, labelWords, type MatchLanguage, synonymWords, wordTerms } from './matcher-text.js';

export type { MatchLanguage } from './matcher-text.js';
export { tokenise } from './matcher-text.js';

export interface IndicatorText {
  id: number;
  code: string;
  labelNl: string;
  labelEn: string;
  competenceLabelNl?: string;
  competenceLabelEn?: string;
  /** Observable behaviour that shows the indicator, from the framework (optional). */
  lookForsNl?: string[];
  lookForsEn?: string[];
  /** Labelled example reflections about this indicator, from the framework (optional; any language). */
  examples?: string[];
}

export interface Suggestion {
  indicatorId: number;
  code: string;
  score: number;
  /**
   * Whether the suggestion is strong enough to come pre-ticked. Weaker ones are still shown (the student often
   * wants them) but left for the student to tick. Absent means confident (older assistants).
   */
  confident?: boolean;
}

/**
 * The matcher's weights, chosen on the development split of the labelled set (bench/tagging.ts) and never on the
 * held-out split. Exported so the benchmark can show what each part contributes; the bot never changes them.
 */
export const MATCHER_TUNING = {
  /** Below this score (in idf units: about one word specific to a single indicator) nothing is shown. */
  minScore: 1.5,
  /** A second or third proposal must reach this share of the best one's score to be shown. */
  relativeScore: 0.3,
  /** Pre-ticked: at least this score … */
  confidentScore: 3.5,
  /** … and this share of the best one's. */
  confidentRelative: 0.9,
  /**
   * The best proposal is pre-ticked below `confidentScore` too when it is clearly ahead: at least this score …
   */
  leadScore: 2.2,
  /** … and this many times the second one's (a short reflection with one clear cue is still a clear match). */
  leadRatio: 1.2,
  lookForWeight: 0.6,
  /** Competence labels are shared by sibling indicators, so their words count for less. */
  competenceWeight: 0.3,
  /** A word pair found in an indicator adds this share of its idf on top of its words. */
  pairWeight: 0.5,
  /** Words a negation reaches still count a little: "ik heb níet samengevat" may be a reflection on summarising. */
  negatedWeight: 0.3,
  /** Parts of a compound and near-misspellings are weaker evidence than the word itself. */
  compoundWeight: 0.7,
  typoWeight: 0.8,
  /** BM25's b: how much a long indicator document (many look-fors) is damped. */
  lengthDamping: 0.5,
  /** BM25's k1: how fast a term's weight in an indicator saturates as more of its texts use it. */
  saturation: 1.2,
  /**
   * How much the similarity to the centroid of an indicator's example reflections adds (Rocchio). Chosen by 5-fold
   * cross-validation on the development split (examples from four folds, measured on the fifth).
   */
  exampleWeight: 0.35,
  /** Share of the mean centroid similarity over all indicators subtracted from each (Rocchio's negatives). */
  exampleContrast: 1,
};
const T = MATCHER_TUNING;

interface IndexedIndicator {
  ind: IndicatorText;
  terms: Map<string, number>;
  length: number;
}

interface ExampleIndex {
  /** Per indicator (same order as docs): the mean term weights of its examples (empty without examples). */
  centroids: { terms: Map<string, number>; length: number }[];
  /** Idf over all examples of the framework: words every reflection uses say little. */
  idf: Map<string, number>;
  averageLength: number;
}

interface MatcherIndex {
  docs: IndexedIndicator[];
  /** Built on first use, with the reflection-side analysis (it needs the vocabulary). */
  exampleIndex?: ExampleIndex;
  idf: Map<string, number>;
  averageLength: number;
  /** Known surface words (indicator texts and synonyms) → their terms, for compounds and typos. */
  vocabulary: Map<string, string[]>;
  /** Per reflection word: the terms it stands for, with how sure that is. Filled as reflections come in. */
  wordCache: Map<string, { term: string; weight: number }[]>;
}

const pairTerm = (a: string, b: string): string => (a < b ? `${a}+${b}` : `${b}+${a}`);

function addTerm(terms: Map<string, number>, term: string, weight: number): void {
  if ((terms.get(term) ?? 0) < weight) terms.set(term, weight);
}

/** Terms of a text in a known language, with word pairs; compounds are split against the known vocabulary. */
function addText(
  docTerms: Map<string, number>,
  text: string | undefined,
  language: MatchLanguage,
  weight: number,
  vocabulary: Map<string, string[]>,
): void {
  if (!text) return;
  // Within one text a term counts once; across the texts of an indicator its weights add up, so the words its
  // label and several look-fors share are its core vocabulary (saturated when scoring, as BM25 does).
  const terms = new Map<string, number>();
  // Clauses keep word pairs from spanning a comma ("familie, vrienden").
  for (const clause of text.split(/[,;:()]/)) {
    let previous: string[] = [];
    for (const word of labelWords(clause, language)) {
      const own = wordTerms(word, language);
      for (const t of own) addTerm(terms, t, weight);
      for (const t of compoundParts(word, vocabulary, word)) addTerm(terms, t, weight * T.compoundWeight);
      for (const a of previous) for (const b of own) if (a !== b) addTerm(terms, pairTerm(a, b), weight * T.pairWeight);
      previous = own;
    }
  }
  for (const [t, w] of terms) docTerms.set(t, (docTerms.get(t) ?? 0) + w);
}

/** Terms of the known words a Dutch compound is made of ("registratiesysteem" → registratie, systeem). */
function compoundParts(word: string, vocabulary: Map<string, string[]>, self?: string): string[] {
  if (word.length < 8) return [];
  const parts: string[] = [];
  for (let i = 4; i <= word.length - 4; i++) {
    const head = word.slice(0, i);
    // A linking "s" or "e" ("werkloosheidsuitkering", "huizenmarkt") belongs to neither part.
    for (const tail of [word.slice(i), word.slice(i + 1)]) {
      if (tail.length < 4) continue;
      const h = head !== self ? vocabulary.get(head) : undefined;
      const t = tail !== self ? vocabulary.get(tail) : undefined;
      // Both parts must be known words: a known head with an unknown rest ("ijsje" in "ijsjesdag") is no
      // decomposition, and guessing one adds terms the writer never meant.
      if (h && t) parts.push(...h, ...t);
    }
  }
  return [...new Set(parts)];
}

/** Optimal string alignment distance ≤ 1 (one insertion, deletion, substitution or swap). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const rest = (x: string, y: string) => x === y;
  return (
    rest(a.slice(i + 1), b.slice(i + 1)) ||
    rest(a.slice(i + 1), b.slice(i)) ||
    rest(a.slice(i), b.slice(i + 1)) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a.slice(i + 2), b.slice(i + 2)))
  );
}

// Building an index stems every label and look-for (~20 ms for a framework); the same framework is matched
// again and again, so a few are kept.
const INDEX_CACHE_SIZE = 16;
const WORD_CACHE_SIZE = 20_000;
const indexCache = new Map<string, MatcherIndex>();

function indexFor(indicators: IndicatorText[]): MatcherIndex {
  const signature = JSON.stringify([
    T,
    indicators.map((i) => [
      i.id,
      i.code,
      i.labelNl,
      i.labelEn,
      i.competenceLabelNl ?? '',
      i.competenceLabelEn ?? '',
      i.lookForsNl ?? [],
      i.lookForsEn ?? [],
      i.examples ?? [],
    ]),
  ]);
  const cached = indexCache.get(signature);
  if (cached) return cached;
  const index = buildIndex(indicators);
  if (indexCache.size >= INDEX_CACHE_SIZE) indexCache.delete(indexCache.keys().next().value!);
  indexCache.set(signature, index);
  return index;
}

function buildIndex(indicators: IndicatorText[]): MatcherIndex {
  const vocabulary = new Map<string, string[]>();
  const learn = (text: string | undefined, language: MatchLanguage) => {
    for (const w of labelWords(text ?? '', language)) if (w.length >= 4) vocabulary.set(w, wordTerms(w, language));
  };
  for (const w of synonymWords()) if (w.length >= 4) vocabulary.set(w, wordTerms(w, 'both'));
  for (const ind of indicators) {
    learn(ind.labelNl, 'nl');
    learn(ind.labelEn, 'en');
    for (const l of ind.lookForsNl ?? []) learn(l, 'nl');
    for (const l of ind.lookForsEn ?? []) learn(l, 'en');
  }

  const docs = indicators.map((ind) => {
    const terms = new Map<string, number>();
    addText(terms, ind.labelNl, 'nl', 1, vocabulary);
    addText(terms, ind.labelEn, 'en', 1, vocabulary);
    for (const l of ind.lookForsNl ?? []) addText(terms, l, 'nl', T.lookForWeight, vocabulary);
    for (const l of ind.lookForsEn ?? []) addText(terms, l, 'en', T.lookForWeight, vocabulary);
    addText(terms, ind.competenceLabelNl, 'nl', T.competenceWeight, vocabulary);
    addText(terms, ind.competenceLabelEn, 'en', T.competenceWeight, vocabulary);
    let length = 0;
    for (const [t, w] of terms) if (!t.includes('+')) length += w;
    return { ind, terms, length };
  });

  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [t, f] of df) idf.set(t, Math.log(1 + (n - f + 0.5) / (f + 0.5)));
  const averageLength = docs.reduce((a, d) => a + d.length, 0) / Math.max(1, n);
  return { docs, idf, averageLength, vocabulary, wordCache: new Map() };
}

/** What a reflection word stands for: its own terms when the indicators know them, else compound parts or typos. */
function reflectionWordTerms(index: MatcherIndex, word: string): { term: string; weight: number }[] {
  const cached = index.wordCache.get(word);
  if (cached) return cached;
  let result = wordTerms(word, 'both').map((term) => ({ term, weight: 1 }));
  if (!result.some((r) => index.idf.has(r.term))) {
    const parts = compoundParts(word, index.vocabulary);
    if (parts.length > 0) result = parts.map((term) => ({ term, weight: T.compoundWeight }));
    else if (word.length >= 6) {
      const near = [...index.vocabulary.entries()].filter(
        ([known]) => known[0] === word[0] && withinOneEdit(known, word),
      );
      if (near.length > 0) result = near.flatMap(([, terms]) => terms.map((term) => ({ term, weight: T.typoWeight })));
    }
  }
  if (index.wordCache.size >= WORD_CACHE_SIZE) index.wordCache.clear();
  index.wordCache.set(word, result);
  return result;
}

/** Term weights of a reflection (sum over mentions, before saturation). */
function reflectionTerms(index: MatcherIndex, text: string): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (t: string, w: number) => terms.set(t, (terms.get(t) ?? 0) + w);
  const words = contentWords(text);
  let previous: { terms: { term: string; weight: number }[]; clause: number } | undefined;
  words.forEach((w, i) => {
    if (w.particle) {
      // "vroeg … door" → "doorvroeg": counted only when the joined word is a known term.
      const verbs = words.slice(Math.max(0, i - 3), i).filter((v) => !v.particle && v.clause === w.clause);
      for (const v of verbs) {
        for (const term of wordTerms(dutchSense(w.word + v.word, w.reflexive === true), 'both')) {
          if (index.idf.has(term) && !reflectionWordTerms(index, v.word).some((x) => x.term === term))
            add(term, v.negated ? T.negatedWeight : 1);
        }
      }
      return;
    }
    const factor = w.negated ? T.negatedWeight : 1;
    const own = reflectionWordTerms(index, w.word);
    for (const { term, weight } of own) add(term, weight * factor);
    if (previous && previous.clause === w.clause) {
      for (const a of previous.terms)
        for (const b of own)
          if (a.term !== b.term) add(pairTerm(a.term, b.term), Math.min(a.weight, b.weight) * factor);
    }
    previous = { terms: own, clause: w.clause };
  });
  return terms;
}

/** What each matched term adds to an indicator's score, before the length normalisation. */
function contributions(index: MatcherIndex, query: Map<string, number>, d: IndexedIndicator) {
  const out: { term: string; score: number }[] = [];
  for (const [t, q] of query) {
    const w = d.terms.get(t);
    if (!w) continue;
    // Sublinear in the reflection: a second mention adds a little, further ones almost nothing.
    const tf = Math.min(1, q) + 0.2 * Math.log(Math.max(1, q));
    // BM25 in the indicator: weight saturates, and a long indicator (many look-fors) is damped.
    const k = T.saturation;
    const inDoc = (w * (k + 1)) / (w + k * lengthNorm(index, d));
    out.push({ term: t, score: inDoc * (index.idf.get(t) ?? 0) * tf });
  }
  return out;
}

const lengthNorm = (index: MatcherIndex, d: IndexedIndicator): number =>
  1 - T.lengthDamping + T.lengthDamping * (d.length / index.averageLength);

const unigramLength = (terms: Map<string, number>): number => {
  let length = 0;
  for (const [t, w] of terms) if (!t.includes('+')) length += w;
  return length;
};

/** The examples read exactly as reflections are, averaged per indicator. */
function exampleIndexFor(index: MatcherIndex): ExampleIndex {
  if (index.exampleIndex) return index.exampleIndex;
  const df = new Map<string, number>();
  let n = 0;
  let totalLength = 0;
  const centroids = index.docs.map((d) => {
    const list = d.ind.examples ?? [];
    const terms = new Map<string, number>();
    for (const text of list) {
      n++;
      const own = reflectionTerms(index, text);
      totalLength += unigramLength(own);
      for (const [t, w] of own) {
        terms.set(t, (terms.get(t) ?? 0) + w / list.length);
        df.set(t, (df.get(t) ?? 0) + 1);
      }
    }
    return { terms, length: unigramLength(terms) };
  });
  const idf = new Map<string, number>();
  for (const [t, f] of df) idf.set(t, Math.log(1 + (n - f + 0.5) / (f + 0.5)));
  // A centroid is as long as its indicator's examples are on average, so it is normalised by the mean example.
  index.exampleIndex = { centroids, idf, averageLength: totalLength / Math.max(1, n) };
  return index.exampleIndex;
}

/**
 * How much a reflection resembles each indicator's examples: BM25 similarity to their centroid, less the mean over
 * all indicators (a reflection that resembles every indicator's examples alike says nothing); 0 without examples.
 */
function exampleScores(index: MatcherIndex, query: Map<string, number>): number[] {
  if (T.exampleWeight === 0 || !index.docs.some((d) => (d.ind.examples?.length ?? 0) > 0))
    return index.docs.map(() => 0);
  const ex = exampleIndexFor(index);
  const k = T.saturation;
  const raw = ex.centroids.map((c) => {
    if (c.terms.size === 0) return 0;
    const norm = 1 - T.lengthDamping + T.lengthDamping * (c.length / Math.max(1e-9, ex.averageLength));
    let score = 0;
    for (const [t, q] of query) {
      const w = c.terms.get(t);
      if (!w) continue;
      const tf = Math.min(1, q) + 0.2 * Math.log(Math.max(1, q));
      score += ((w * (k + 1)) / (w + k * norm)) * (ex.idf.get(t) ?? 0) * tf;
    }
    return score;
  });
  const mean = raw.reduce((a, s) => a + s, 0) / Math.max(1, raw.length);
  return raw.map((s) => Math.max(0, s - T.exampleContrast * mean));
}

/** Every indicator with its score for the reflection, best first (ties by code); no threshold applied. */
export function scoreIndicatorsLexically(text: string, indicators: IndicatorText[]): Suggestion[] {
  if (indicators.length === 0 || text.trim() === '') return [];
  const index = indexFor(indicators);
  const query = reflectionTerms(index, text);
  const fromExamples = exampleScores(index, query);
  const scored = index.docs.map((d, i) => {
    const score = contributions(index, query, d).reduce((a, c) => a + c.score, 0) + T.exampleWeight * fromExamples[i]!;
    return { indicatorId: d.ind.id, code: d.ind.code, score: Math.round(score * 1000) / 1000 };
  });
  return scored.sort((a, b) => b.score - a.score || compareCodes(a.code, b.code));
}

/** Why an indicator scores what it does: the matched terms (stems, `~concepts`, `a+b` pairs) and their share. */
export function explainLexicalScore(text: string, indicators: IndicatorText[], code: string): string[] {
  const index = indexFor(indicators);
  const d = index.docs.find((x) => x.ind.code === code);
  if (!d) return [];
  return contributions(index, reflectionTerms(index, text), d)
    .sort((a, b) => b.score - a.score)
    .map((c) => `${c.term} ${c.score.toFixed(2)}`);
}

/**
 * Suggests at most `max` indicators the reflection seems to be about, best first, ties broken by code; none when
 * nothing reaches the minimum score. `language` is the student's interface language; reflections are read in both
 * languages anyway, because students mix them.
 */
export function suggestIndicatorsLexically(
  text: string,
  indicators: IndicatorText[],
  _language: MatchLanguage,
  max = 3,
): Suggestion[] {
  if (max <= 0) return [];
  const scored = scoreIndicatorsLexically(text, indicators);
  const best = scored[0]?.score ?? 0;
  if (best < T.minScore) return [];
  const second = scored[1]?.score ?? 0;
  const clearlyAhead = best >= T.leadScore && best >= T.leadRatio * second;
  return scored
    .filter((s) => s.score >= T.minScore && s.score >= T.relativeScore * best)
    .slice(0, max)
    .map((s, i) => ({
      ...s,
      confident: (s.score >= T.confidentScore && s.score >= T.confidentRelative * best) || (i === 0 && clearlyAhead),
    }));
}

/** "SW1.10" after "SW1.9": numeric parts compare as numbers. */
function compareCodes(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
