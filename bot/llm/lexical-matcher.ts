// Deterministic indicator suggestions: the fallback when no LLM is configured or the LLM fails, and what the tests
// run by default. It only says which indicators a reflection seems to be about; it never says anything about level.
//
// Method: both label languages of every indicator are tokenised, stop words dropped, words stemmed (Snowball) and
// folded into concepts from synonyms.ts. The reflection is stemmed with both stemmers, because students mix Dutch
// and English. The score of an indicator is the idf-weighted mass of its label terms that the reflection covers,
// divided by a half-way length normalisation, with a small bonus for a repeated mention (sublinear tf). Idf is
// computed over the given indicators, so words that many indicators share ("cliënt") count for little.
import { newStemmer } from 'snowball-stemmers';
import { SYNONYM_GROUPS } from './synonyms.js';

export interface IndicatorText {
  id: number;
  code: string;
  labelNl: string;
  labelEn: string;
  competenceLabelNl?: string;
  competenceLabelEn?: string;
}

export interface Suggestion {
  indicatorId: number;
  code: string;
  score: number;
}

export type MatchLanguage = 'nl' | 'en';

/** Below this score a match is noise (one weak shared word); tuned on the demo framework. */
export const MIN_SCORE = 0.2;
/** Competence labels are shared by sibling indicators, so their words count for less than the indicator's own. */
const COMPETENCE_WEIGHT = 0.5;
const OTHER_LANGUAGE_WEIGHT = 0.9;

const STOP_NL = new Set(
  (
    'de het een en of maar dan dat die dit deze daar hier er ik je jij u hij zij ze we wij jullie hun hen haar ' +
    'zijn mijn me mij zich ons onze is was waren ben bent heb hebt heeft had hadden wordt werd worden ' +
    'zal zou zullen kan kon kunnen moet moest wil wou ga gaat ging gegaan doe doet deed gedaan ' +
    'van voor met aan op in uit om naar bij door over tot toe te ten ter als zo ook nog al niet geen wel ' +
    'heel erg veel meer zeer wat wie waar hoe waarom wanneer welke omdat want dus toen nu even echt gewoon ' +
    'vandaag gisteren morgen daarna eerst samen zelf iets niets alles iemand andere ander goed beter mee tegen'
  ).split(/\s+/),
);

const STOP_EN = new Set(
  (
    'a an the and or but if then that this these those there here i me my mine you your he him his she her ' +
    'it its we us our they them their is are was were be been being am have has had do does did done ' +
    'will would shall should can could may might must to of in on at by for with from into about as so ' +
    'also not no yes very much more most what who where how why when which because while today yesterday ' +
    'tomorrow first then just really some any all something nothing someone other another up out over ' +
    'off again own same too well good better'
  ).split(/\s+/),
);

// Dutch separable and compound-forming particles: "doorvragen" should meet "vraagt door", "samenvatten" "vat samen".
const NL_PARTICLES = ['samen', 'terug', 'door', 'over', 'voor', 'aan', 'mee', 'uit', 'bij', 'toe', 'op', 'af', 'na'];

const stemmers = { nl: newStemmer('dutch'), en: newStemmer('english') };

/** Lower case, no diacritics ("cliënt" → "client"), words of letters and digits only. */
export function tokenise(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
}

// Snowball Dutch leaves verb endings it cannot see from the word alone ("vraagt", "luistert", "verwijst"), and
// spelling alternations between singular and plural stems (verwijs/verwijz, vraag/vrag). These normalisations are
// applied to every Dutch stem on both sides, so they only need to be consistent, not linguistically exact.
function normaliseDutchStem(stem: string): string {
  let s = stem;
  if (s.length > 4 && /[^t][td]$/.test(s)) s = s.slice(0, -1);
  s = s.replace(/z$/, 's').replace(/v$/, 'f');
  return s.replace(/([aeou])\1/g, '$1');
}

function stemDutch(word: string): string[] {
  const forms = [word];
  const particle = NL_PARTICLES.find((p) => word.startsWith(p) && word.length - p.length >= 4);
  if (particle) forms.push(word.slice(particle.length));
  // Past participles: "geluisterd" → "luisterd", "doorgevraagd" → "gevraagd" → "vraagd".
  for (const f of [...forms]) if (f.startsWith('ge') && f.length >= 6) forms.push(f.slice(2));
  return forms.map((f) => normaliseDutchStem(stemmers.nl.stem(f)));
}

function stemEnglish(word: string): string[] {
  // British and American spellings ("summarise"/"summarize") are common in students' English.
  return [stemmers.en.stem(word.replace(/iz(e|es|ed|ing|ation|ations)$/, 'is$1'))];
}

const stemWith = (language: MatchLanguage, word: string): string[] =>
  language === 'nl' ? stemDutch(word) : stemEnglish(word);

// Built lazily so importing the module costs nothing until the first match.
let conceptOfStem: Map<string, string> | undefined;
function concepts(): Map<string, string> {
  if (!conceptOfStem) {
    conceptOfStem = new Map();
    for (const group of SYNONYM_GROUPS) {
      for (const word of group.words) {
        for (const w of tokenise(word)) {
          // Only the whole word's stem, not its particle-split forms: "opvolgen" must not claim every "volg".
          conceptOfStem.set(stemWith('nl', w)[0]!, `~${group.concept}`);
          conceptOfStem.set(stemWith('en', w)[0]!, `~${group.concept}`);
        }
      }
    }
  }
  return conceptOfStem;
}

const toTerm = (stem: string): string => concepts().get(stem) ?? stem;

/** Terms of a label in a known language, with the given weight; a term keeps its highest weight. */
function addLabelTerms(terms: Map<string, number>, text: string | undefined, language: MatchLanguage, weight: number) {
  if (!text) return;
  const stop = language === 'nl' ? STOP_NL : STOP_EN;
  for (const word of tokenise(text)) {
    if (stop.has(word)) continue;
    for (const stem of stemWith(language, word)) {
      const term = toTerm(stem);
      if ((terms.get(term) ?? 0) < weight) terms.set(term, weight);
    }
  }
}

/** Term counts of a reflection: every word is stemmed both ways, since the stated language is only a hint. */
function reflectionTerms(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of tokenise(text)) {
    if (STOP_NL.has(word) || STOP_EN.has(word)) continue;
    const terms = new Set([...stemDutch(word), ...stemEnglish(word)].map(toTerm));
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

interface MatcherIndex {
  docs: {
    ind: IndicatorText;
    perLanguage: Record<MatchLanguage, Map<string, number>>;
  }[];
  idf(term: string): number;
  mass(terms: Map<string, number>): number;
  averageMass: number;
}

// Stemming every label costs ~10 ms for a framework; the same framework is matched again and again.
const INDEX_CACHE_SIZE = 16;
const indexCache = new Map<string, MatcherIndex>();

function indexFor(indicators: IndicatorText[]): MatcherIndex {
  const signature = JSON.stringify(
    indicators.map((i) => [i.id, i.code, i.labelNl, i.labelEn, i.competenceLabelNl ?? '', i.competenceLabelEn ?? '']),
  );
  const cached = indexCache.get(signature);
  if (cached) return cached;
  const index = buildIndex(indicators);
  if (indexCache.size >= INDEX_CACHE_SIZE) indexCache.delete(indexCache.keys().next().value!);
  indexCache.set(signature, index);
  return index;
}

function buildIndex(indicators: IndicatorText[]): MatcherIndex {
  const docs = indicators.map((ind) => {
    const own = new Map<string, number>();
    addLabelTerms(own, ind.labelNl, 'nl', 1);
    addLabelTerms(own, ind.labelEn, 'en', 1);
    const shared = new Map<string, number>();
    addLabelTerms(shared, ind.competenceLabelNl, 'nl', COMPETENCE_WEIGHT);
    addLabelTerms(shared, ind.competenceLabelEn, 'en', COMPETENCE_WEIGHT);
    // Per language, so a Dutch reflection is measured against the Dutch label and not diluted by the English one.
    const perLanguage = { nl: new Map<string, number>(), en: new Map<string, number>() };
    addLabelTerms(perLanguage.nl, ind.labelNl, 'nl', 1);
    addLabelTerms(perLanguage.nl, ind.competenceLabelNl, 'nl', COMPETENCE_WEIGHT);
    addLabelTerms(perLanguage.en, ind.labelEn, 'en', 1);
    addLabelTerms(perLanguage.en, ind.competenceLabelEn, 'en', COMPETENCE_WEIGHT);
    return { ind, own, shared, perLanguage };
  });

  // Document frequency over the indicators' own labels: a competence label repeats in every sibling and would
  // otherwise make its words (e.g. "doorverwijzen" under SW4) look common and worthless for the one indicator
  // (SW4.2) that is really about them. Words only found in competence labels fall back to that count.
  const ownDf = new Map<string, number>();
  const sharedDf = new Map<string, number>();
  for (const d of docs) {
    for (const t of d.own.keys()) ownDf.set(t, (ownDf.get(t) ?? 0) + 1);
    for (const t of d.shared.keys()) sharedDf.set(t, (sharedDf.get(t) ?? 0) + 1);
  }
  const n = docs.length;
  const idf = (t: string): number => Math.log(1 + n / (ownDf.get(t) ?? sharedDf.get(t) ?? n));

  const mass = (terms: Map<string, number>): number => {
    let total = 0;
    for (const [t, w] of terms) total += w * idf(t);
    return total;
  };
  const masses = docs.flatMap((d) => [mass(d.perLanguage.nl), mass(d.perLanguage.en)]).filter((m) => m > 0);
  const averageMass = masses.reduce((a, b) => a + b, 0) / Math.max(1, masses.length);

  return { docs, idf, mass, averageMass };
}

/**
 * Suggests at most `max` indicators the reflection seems to touch, best first, ties broken by code. `language` is
 * the student's interface language: that label counts fully, the other one at 0.9 (students mix languages).
 */
export function suggestIndicatorsLexically(
  text: string,
  indicators: IndicatorText[],
  language: MatchLanguage,
  max = 3,
): Suggestion[] {
  if (max <= 0 || indicators.length === 0 || text.trim() === '') return [];

  const { docs, idf, mass, averageMass } = indexFor(indicators);
  const query = reflectionTerms(text);
  const scored: Suggestion[] = [];
  for (const d of docs) {
    const side = (terms: Map<string, number>): number => {
      const total = mass(terms);
      if (total === 0) return 0;
      let hit = 0;
      for (const [t, w] of terms) {
        const tf = query.get(t) ?? 0;
        // Sublinear tf, capped: a second mention adds a little, further ones nothing.
        if (tf > 0) hit += w * idf(t) * Math.min(1, 0.8 + 0.2 * Math.log(tf + 1));
      }
      // Half-way length normalisation (as in BM25 with b = 0.5): covering a long label is worth a bit more than
      // covering the same share of a short one, so one shared word does not make a short label win.
      return Math.min(1, hit / Math.sqrt(total * averageMass));
    };
    const other = language === 'nl' ? 'en' : 'nl';
    // The label in the student's language counts fully, the other one slightly less (mixed-language reflections).
    const score = Math.max(side(d.perLanguage[language]), OTHER_LANGUAGE_WEIGHT * side(d.perLanguage[other]));
    if (score >= MIN_SCORE)
      scored.push({ indicatorId: d.ind.id, code: d.ind.code, score: Math.round(score * 1000) / 1000 });
  }

  scored.sort((a, b) => b.score - a.score || compareCodes(a.code, b.code));
  return scored.slice(0, max);
}

/** "SW1.10" after "SW1.9": numeric parts compare as numbers. */
function compareCodes(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
