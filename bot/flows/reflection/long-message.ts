// A student may send the whole story in one message. Then each sentence is given to the STARR part its cue
// words point at (STARR_CUES), and the flow asks only for the parts nobody wrote yet. Sentences without a cue
// belong with the sentence before them (a story runs on); the first ones belong to the question asked.
import { countWords } from '../../llm/fallback-questions.js';
import { LONG_MESSAGE_WORDS, STARR_CUES, type StarrPart } from '../../../prompts/reflection/cues.js';
import { fold } from './words.js';

const ORDER: StarrPart[] = ['situation', 'task', 'action', 'result', 'reflection'];

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const cueRegex = (cue: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(fold(cue))}(?![\\p{L}\\p{N}])`, 'gu');

// Students mix languages, so both cue lists apply to every message.
const CUES: { part: StarrPart; re: RegExp }[] = ORDER.flatMap((part) =>
  [...STARR_CUES.nl[part], ...STARR_CUES.en[part]].map((cue) => ({ part, re: cueRegex(cue) })),
);

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function cuedPart(sentence: string): StarrPart | null {
  const folded = fold(sentence);
  const hits = new Map<StarrPart, number>();
  for (const { part, re } of CUES) {
    const n = folded.match(re)?.length ?? 0;
    if (n > 0) hits.set(part, (hits.get(part) ?? 0) + n);
  }
  let best: StarrPart | null = null;
  let bestHits = 0;
  // On a tie the later part wins: "ik heb geleerd" is about learning, not about the action.
  for (const part of ORDER) {
    const n = hits.get(part) ?? 0;
    if (n > 0 && n >= bestHits) {
      best = part;
      bestHits = n;
    }
  }
  return best;
}

/**
 * The STARR parts a long message covers, with their sentences; null when the message is short or points at
 * fewer than two parts (then it is simply the answer to the question that was asked).
 *
 * The student's order is kept: the message starts in `from` (the part that was asked) and only ever moves
 * forward, into parts nobody answered yet. A cue for an earlier or answered part leaves the sentence where the
 * story is, so no sentence ever lands before one the student wrote earlier.
 */
export function splitIntoStarr(
  text: string,
  from: StarrPart = 'situation',
  answered: ReadonlySet<string> = new Set(),
): Partial<Record<StarrPart, string>> | null {
  if (countWords(text) < LONG_MESSAGE_WORDS) return null;
  const out: Partial<Record<StarrPart, string[]>> = {};
  let current: StarrPart = from;
  for (const sentence of sentences(text)) {
    const part = cuedPart(sentence);
    if (part && ORDER.indexOf(part) > ORDER.indexOf(current) && !answered.has(part)) current = part;
    const list = out[current] ?? [];
    list.push(sentence);
    out[current] = list;
  }
  if (Object.keys(out).length < 2) return null;
  const result: Partial<Record<StarrPart, string>> = {};
  for (const part of ORDER) if (out[part]) result[part] = out[part]!.join(' ');
  return result;
}
