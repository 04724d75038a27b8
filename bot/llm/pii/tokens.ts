// Splits text into words with what the name detector needs to know about each: its folded form, case, whether it
// starts a sentence and whether an initial's full stop follows it.
import { ABBREVIATIONS } from './cues.js';
import { fold } from './fold.js';

export interface Token {
  start: number;
  /** End of the word itself; a possessive "'s" is left outside ("Ethan's" → "Ethan"). */
  end: number;
  text: string;
  folded: string;
  capitalised: boolean;
  allCaps: boolean;
  /** One letter, as in an initial ("V.", "J.D."). */
  letter: boolean;
  /** A full stop follows right after the word. */
  dot: boolean;
  sentenceStart: boolean;
  /** The text between the previous token and this one. */
  gap: string;
}

const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const POSSESSIVE = /['’]s$/i;
const OPENERS = /[\s"'“”‘’«»([\-–—•*>]/u;

function startsSentence(text: string, start: number, previous: Token | undefined): boolean {
  let i = start - 1;
  let newline = false;
  while (i >= 0 && OPENERS.test(text[i]!)) {
    if (text[i] === '\n') newline = true;
    i--;
  }
  if (i < 0 || newline) return true;
  const ch = text[i]!;
  if (ch === ':' || ch === '!' || ch === '?' || ch === '…') return true;
  if (ch !== '.') return false;
  // A full stop after an initial ("mevrouw V. zei") or an abbreviation ("dhr. Claeys") does not end a sentence.
  if (previous && previous.end === i && (previous.letter || ABBREVIATIONS.has(previous.folded))) return false;
  return true;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const word = POSSESSIVE.test(raw) && raw.length > 3 ? raw.slice(0, -2) : raw;
    const start = m.index;
    const end = start + word.length;
    const previous = tokens[tokens.length - 1];
    const first = word[0]!;
    const upper = word.toUpperCase();
    tokens.push({
      start,
      end,
      text: word,
      folded: fold(word),
      // "d'Hondt", "l'Ecluse": a lower-case particle glued to a capitalised surname.
      capitalised: first !== first.toLowerCase() || /^\p{Ll}['’]\p{Lu}/u.test(word),
      allCaps: word.length > 1 && word === upper && word !== word.toLowerCase(),
      letter: [...word].length === 1,
      dot: text[start + raw.length] === '.',
      sentenceStart: startsSentence(text, start, previous),
      gap: previous ? text.slice(previous.end, start) : text.slice(0, start),
    });
  }
  return tokens;
}
