// Scores the pseudonymiser on a labelled set: recall and precision of person names, counted per word.
import { readFileSync } from 'node:fs';
import { pseudonymise } from '../../bot/llm/pseudonymise.js';

export interface LabelledSentence {
  lang: 'nl' | 'en';
  text: string;
  /** Every person mention as written; each whole-word occurrence counts. */
  names: string[];
}

export interface LabelledSet {
  roster: string[];
  sentences: LabelledSentence[];
}

export interface Score {
  sentences: number;
  nameWords: number;
  maskedWords: number;
  truePositives: number;
  recall: number;
  precision: number;
  missed: { text: string; word: string }[];
  wronglyMasked: { text: string; word: string }[];
}

export function loadLabelledSet(file: string): LabelledSet {
  return JSON.parse(readFileSync(new URL(`../fixtures/pseudonymise/${file}`, import.meta.url), 'utf8')) as LabelledSet;
}

const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Start offsets of the words (letters, initials) that belong to a labelled name. */
function goldWords(s: LabelledSentence): Map<number, string> {
  const gold = new Map<number, string>();
  for (const name of s.names) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'gu');
    let found = false;
    for (const m of s.text.matchAll(re)) {
      found = true;
      for (const w of m[0].matchAll(WORD)) gold.set(m.index + w.index, w[0]);
    }
    if (!found) throw new Error(`labelled name "${name}" does not occur in: ${s.text}`);
  }
  return gold;
}

export function score(set: LabelledSet): Score {
  let nameWords = 0;
  let maskedWords = 0;
  let truePositives = 0;
  const missed: Score['missed'] = [];
  const wronglyMasked: Score['wronglyMasked'] = [];
  for (const s of set.sentences) {
    const gold = goldWords(s);
    const p = pseudonymise(s.text, set.roster);
    const persons = p.spans.filter((sp) => sp.kind === 'PERSOON');
    const inPerson = (i: number) => persons.some((sp) => i >= sp.start && i < sp.end);
    nameWords += gold.size;
    for (const [at, word] of gold) {
      if (inPerson(at)) truePositives += 1;
      else missed.push({ text: s.text, word });
    }
    for (const w of s.text.matchAll(WORD)) {
      if (!inPerson(w.index)) continue;
      maskedWords += 1;
      if (!gold.has(w.index)) wronglyMasked.push({ text: s.text, word: w[0] });
    }
  }
  return {
    sentences: set.sentences.length,
    nameWords,
    maskedWords,
    truePositives,
    recall: nameWords === 0 ? 1 : truePositives / nameWords,
    precision: maskedWords === 0 ? 1 : (maskedWords - wronglyMasked.length) / maskedWords,
    missed,
    wronglyMasked,
  };
}
