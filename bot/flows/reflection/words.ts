// Words a student types inside a reflection ("overslaan", "terug", "dieper", "ja"), in Dutch and English.
// Compared after folding: lower case, no accents, no trailing punctuation.
import type { Environment, Visibility } from './state.js';

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\s]+/g, ' ')
    .replace(/^[\s"'“”‘’]+|[\s.!?,;:"'“”‘’]+$/g, '');
}

const SKIP = new Set(['overslaan', 'sla over', 'skip', 'volgende', 'next', 'pass', 'weet ik niet', 'geen idee', '-']);
const BACK = new Set(['terug', 'vorige', 'back', 'go back', 'previous', 'ga terug']);
const DEEPER = new Set(['dieper', 'deeper', 'verdiepen', 'go deeper', 'dieper gaan', 'korthagen']);
const YES = new Set([
  'ja',
  'yes',
  'ok',
  'oke',
  'okay',
  'y',
  'j',
  'jep',
  'jawel',
  'graag',
  'ja graag',
  'yes please',
  'sure',
  'goed',
]);
const NO = new Set([
  'nee',
  'neen',
  'no',
  'n',
  'nope',
  'liever niet',
  'no thanks',
  'nee dank je',
  'nee bedankt',
  'niet',
]);
const NONE = new Set(['geen', 'none', 'geen enkele', 'no indicator', 'geen indicator', 'nothing', 'niets']);
const ALL = new Set(['alle', 'allemaal', 'all', 'all of them', 'alles']);

export const isSkip = (t: string): boolean => SKIP.has(fold(t));
export const isBack = (t: string): boolean => BACK.has(fold(t));
export const isDeeper = (t: string): boolean => DEEPER.has(fold(t));
export const isYes = (t: string): boolean => YES.has(fold(t));
export const isNo = (t: string): boolean => NO.has(fold(t));
export const isNone = (t: string): boolean => NONE.has(fold(t));
export const isAll = (t: string): boolean => ALL.has(fold(t));

const ENVIRONMENT_WORDS: Record<string, Environment> = {
  werkplek: 'workplace',
  werk: 'workplace',
  'op het werk': 'workplace',
  stage: 'workplace',
  workplace: 'workplace',
  work: 'workplace',
  'at work': 'workplace',
  job: 'workplace',
  campus: 'campus',
  school: 'campus',
  les: 'campus',
  hogeschool: 'campus',
  class: 'campus',
  college: 'campus',
  elders: 'elsewhere',
  'ergens anders': 'elsewhere',
  anders: 'elsewhere',
  vrijwilligerswerk: 'elsewhere',
  cursus: 'elsewhere',
  elsewhere: 'elsewhere',
  'somewhere else': 'elsewhere',
  other: 'elsewhere',
  volunteering: 'elsewhere',
  course: 'elsewhere',
  '1': 'workplace',
  '2': 'campus',
  '3': 'elsewhere',
};

export const environmentWord = (t: string): Environment | undefined => ENVIRONMENT_WORDS[fold(t)];

const VISIBILITY_WORDS: Record<string, Visibility> = {
  '1': 'private',
  prive: 'private',
  private: 'private',
  'alleen ik': 'private',
  'only me': 'private',
  niemand: 'private',
  '2': 'coach',
  coach: 'coach',
  'mijn coach': 'coach',
  'my coach': 'coach',
  '3': 'coach_mentors',
  'coach en mentoren': 'coach_mentors',
  'coach en mentor': 'coach_mentors',
  'mijn coach en mentoren': 'coach_mentors',
  'coach and mentors': 'coach_mentors',
  'coach and mentor': 'coach_mentors',
  'my coach and mentors': 'coach_mentors',
  mentoren: 'coach_mentors',
  mentors: 'coach_mentors',
  '4': 'coach_mentors_teachers',
  'coach mentoren en docenten': 'coach_mentors_teachers',
  'coach, mentoren en docenten': 'coach_mentors_teachers',
  docent: 'coach_mentors_teachers',
  docenten: 'coach_mentors_teachers',
  teacher: 'coach_mentors_teachers',
  teachers: 'coach_mentors_teachers',
  iedereen: 'coach_mentors_teachers',
  everyone: 'coach_mentors_teachers',
};

export const visibilityWord = (t: string): Visibility | undefined => VISIBILITY_WORDS[fold(t)];

const NOT_OBSERVED = new Set([
  'niet geobserveerd',
  'niet gezien',
  'niet aan bod gekomen',
  'niet aan bod',
  'nvt',
  'n.v.t',
  'not observed',
  'no opportunity',
  'n/a',
  'na',
]);
export const isNotObserved = (t: string): boolean => NOT_OBSERVED.has(fold(t));

/** "1 3", "1, 3", "1 en 3", "1 and 3" → [1, 3]; null when anything else is in there. */
export function numberList(t: string): number[] | null {
  const tokens = fold(t)
    .split(/[\s,;/+&]+|\ben\b|\band\b/)
    .filter((x) => x.length > 0);
  if (tokens.length === 0 || !tokens.every((x) => /^\d{1,3}$/.test(x))) return null;
  return [...new Set(tokens.map(Number))];
}
