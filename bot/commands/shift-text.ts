// Telling the bot a shift in chat: "mijn shift eindigt om 17u", "shift morgen 8-16", "shift tomorrow 8 to 4pm",
// "my shift ends at 5pm". Pure: the text becomes a spec with the day still as typed (resolved later, with today).

export interface ClockTime {
  hour: number;
  minute: number;
}

export interface ShiftSpec {
  /** As typed ("morgen", "vrijdag", "5 januari"); null means today. */
  day: string | null;
  /** Null when only the end was told. */
  start: ClockTime | null;
  end: ClockTime;
}

const TIME = String.raw`(\d{1,2})(?:[:.u](\d{2}))?\s*(?:u|h|uur)?\s*(am|pm)?`;
const SHIFT = `^(?:mijn |my |de |the )?shift`;
const DAY = `([a-z0-9/. -]+?)`;
const ENDS = `(?:eindigt|stopt|is gedaan|is voorbij|ends|finishes|is over|stops)`;
const AT = `(?:(?:om|at) )?`;
const TO = String.raw`\s*(?:-|–|tot|to|until|till)\s*`;
const FROM = `(?:(?:van|from) )?`;

const ENDS_AT = new RegExp(`${SHIFT}(?: ${DAY})? ${ENDS}(?: (?!om |at )${DAY})? ${AT}${TIME}$`);
const RANGE = new RegExp(`${SHIFT}(?: ${DAY})? ${FROM}${TIME}${TO}${TIME}$`);

const clock = (h: string | undefined, m: string | undefined, meridiem: string | undefined): ClockTime | null => {
  let hour = Number(h);
  const minute = m ? Number(m) : 0;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    if (meridiem === 'pm' && hour < 12) hour += 12;
    if (meridiem === 'am' && hour === 12) hour = 0;
  }
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return null;
  return { hour: hour === 24 ? 0 : hour, minute };
};

/** The shift a message tells, or null when it is not one of these shapes (then it is an ordinary answer). */
export function parseShiftText(normalised: string): ShiftSpec | null {
  let m = ENDS_AT.exec(normalised);
  if (m) {
    const end = clock(m[3], m[4], m[5]);
    const day = (m[1] ?? m[2] ?? '').trim() || null;
    return end ? { day, start: null, end } : null;
  }
  m = RANGE.exec(normalised);
  if (m) {
    const start = clock(m[2], m[3], m[4]);
    const end = clock(m[5], m[6], m[7]);
    const day = (m[1] ?? '').trim() || null;
    return start && end ? { day, start, end } : null;
  }
  return null;
}
