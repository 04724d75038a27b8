// Does an answer report a difficult or emotional event? Then the flow offers Gibbs' cycle (once).
import { DIFFICULTY_WORDS } from '../../../prompts/reflection/difficulty.js';
import { fold } from './words.js';

const pattern = (word: string): string => {
  const prefix = word.endsWith('*');
  const stem = fold(prefix ? word.slice(0, -1) : word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return prefix ? `${stem}[\\p{L}]*` : stem;
};

const DIFFICULTY = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...DIFFICULTY_WORDS.nl, ...DIFFICULTY_WORDS.en].map(pattern).join('|')})(?![\\p{L}\\p{N}])`,
  'u',
);

export const reportsDifficulty = (text: string): boolean => DIFFICULTY.test(fold(text));
