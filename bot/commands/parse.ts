// The chat words (docs/architecture.md, README "In chat"), in Dutch and English. A pure function: text in, command out.
// Commands are whole messages (case-insensitive, trailing punctuation ignored), so an answer like
// "ik moest stoppen" is never taken for "stop".
import { type DateSpec, parseDateSpec } from './dates.js';
import { parseShiftText, type ShiftSpec } from './shift-text.js';

export type Command =
  | { kind: 'reflect' }
  | { kind: 'help' }
  | { kind: 'progress'; name: string }
  | { kind: 'myReflections' }
  | { kind: 'feedbackFor'; name: string }
  | { kind: 'myFeedback' }
  | { kind: 'askFeedback'; name: string }
  /** `date` is null when the message had no date or one that could not be read. */
  | { kind: 'pause'; date: DateSpec | null }
  | { kind: 'skipToday' }
  | { kind: 'resume' }
  | { kind: 'stop' }
  | { kind: 'language'; language: 'nl' | 'en' | null }
  | { kind: 'myData' }
  | { kind: 'admin'; args: string }
  | { kind: 'deleteReflection'; number: number }
  | { kind: 'editReflection'; number: number }
  | { kind: 'tellShift'; shift: ShiftSpec };

export type CommandKind = Command['kind'];

const SIMPLE: Record<string, Command> = {
  reflectie: { kind: 'reflect' },
  reflecteren: { kind: 'reflect' },
  reflect: { kind: 'reflect' },
  hulp: { kind: 'help' },
  help: { kind: 'help' },
  '?': { kind: 'help' },
  'mijn reflecties': { kind: 'myReflections' },
  reflecties: { kind: 'myReflections' },
  'my reflections': { kind: 'myReflections' },
  'vandaag overslaan': { kind: 'skipToday' },
  'sla vandaag over': { kind: 'skipToday' },
  'skip today': { kind: 'skipToday' },
  hervat: { kind: 'resume' },
  hervatten: { kind: 'resume' },
  resume: { kind: 'resume' },
  stop: { kind: 'stop' },
  stoppen: { kind: 'stop' },
  'mijn gegevens': { kind: 'myData' },
  'my data': { kind: 'myData' },
  'mijn feedback': { kind: 'myFeedback' },
  'my feedback': { kind: 'myFeedback' },
};

const LANGUAGES: Record<string, 'nl' | 'en'> = {
  nl: 'nl',
  nederlands: 'nl',
  dutch: 'nl',
  vlaams: 'nl',
  en: 'en',
  engels: 'en',
  english: 'en',
};

/** Lower case, single spaces, no "/leerkans" prefix and no trailing punctuation. */
export function normaliseCommandText(text: string): string {
  return text
    .normalize('NFC')
    .trim()
    .replace(/^\/?leerkans\b\s*/i, '')
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '')
    .trim()
    .toLowerCase();
}

/** The command a message is, or null when it is ordinary text (an answer, a story). */
export function parseCommand(text: string): Command | null {
  const original = text
    .normalize('NFC')
    .trim()
    .replace(/^\/?leerkans\b\s*/i, '')
    .replace(/\s+/g, ' ');
  const s = normaliseCommandText(text);
  if (s === '') return null;
  const simple = SIMPLE[s];
  if (simple) return simple;

  // Only the exact shapes: an answer that merely starts with "feedback", "pauze" or "taal" stays an answer.
  let m = /^feedback(?: (?:voor|for)(?: (.+))?)?$/.exec(s);
  if (m) {
    const name = /^feedback(?: (?:voor|for)(?: (.+))?)?$/i.exec(original.replace(/[.!]+$/, ''))?.[1] ?? '';
    return { kind: 'feedbackFor', name: name.trim() };
  }
  // "vraag feedback aan Jan", "ask feedback from Jan", "ask Jan for feedback".
  const ask =
    /^(?:vraag (?:om )?feedback(?: aan(?: (.+))?)?|ask (?:for )?feedback(?: from(?: (.+))?)?|ask (.+) for feedback)$/i.exec(
      original.replace(/[.!?]+$/, ''),
    );
  if (ask) return { kind: 'askFeedback', name: (ask[1] ?? ask[2] ?? ask[3] ?? '').trim() };
  m = /^(?:pauze|pauzeer|pause)(?: (tot en met|tot|t\/m|until|till|til)(?: (.+))?| (.+))?$/.exec(s);
  if (m) {
    const [, until, afterUntil, bare] = m;
    if (bare !== undefined) {
      // "pauze 24/12" is a command, "pauze nemen hielp" is not.
      const date = parseDateSpec(bare);
      return date ? { kind: 'pause', date } : null;
    }
    return { kind: 'pause', date: until && afterUntil ? parseDateSpec(afterUntil) : null };
  }
  m = /^(?:taal|language)(?: (.+))?$/.exec(s);
  if (m) {
    if (m[1] === undefined) return { kind: 'language', language: null };
    const language = LANGUAGES[m[1]];
    return language ? { kind: 'language', language } : null;
  }
  // "voortgang", and for staff "voortgang van Amira" / "progress of Amira".
  m = /^(?:voortgang|progress)(?: (?:van|voor|of|for) (.+))?$/.exec(s);
  if (m) {
    const name = /^(?:voortgang|progress)(?: (?:van|voor|of|for) (.+))?$/i.exec(original.replace(/[.!]+$/, ''))?.[1];
    return { kind: 'progress', name: name?.trim() ?? '' };
  }
  m = /^admin(?: (.*))?$/.exec(s);
  if (m) {
    // As typed: schedule names, time zones and cron expressions keep their case.
    const args = /^admin(?: (.*))?$/i.exec(original.replace(/[.!]+$/, ''))?.[1] ?? '';
    return { kind: 'admin', args: args.trim() };
  }
  m = /^(?:verwijder|wis|delete|remove) (?:reflectie|reflection) (?:nr\.? ?|nummer |number |#)?(\d{1,3})$/.exec(s);
  if (m) return { kind: 'deleteReflection', number: Number(m[1]) };
  m =
    /^(?:bewerk|wijzig|pas|edit|change) (?:reflectie|reflection) (?:nr\.? ?|nummer |number |#)?(\d{1,3})(?: aan)?$/.exec(
      s,
    );
  if (m) return { kind: 'editReflection', number: Number(m[1]) };
  const shift = parseShiftText(s);
  if (shift) return { kind: 'tellShift', shift };
  return null;
}
