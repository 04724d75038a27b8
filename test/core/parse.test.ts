// The chat-word parser and the dates of "pauze tot DATUM" (pure functions).
import { describe, expect, it } from 'vitest';
import { parseDateSpec, resolveDateSpec } from '../../bot/commands/dates.js';
import { parseCommand } from '../../bot/commands/parse.js';

describe('parseCommand', () => {
  it.each([
    ['reflectie', { kind: 'reflect' }],
    ['Reflect', { kind: 'reflect' }],
    ['/leerkans reflectie', { kind: 'reflect' }],
    ['leerkans help', { kind: 'help' }],
    ['HULP!', { kind: 'help' }],
    ['voortgang', { kind: 'progress', name: '' }],
    ['progress', { kind: 'progress', name: '' }],
    ['voortgang van Amira', { kind: 'progress', name: 'Amira' }],
    ['progress of Tom Vermeulen', { kind: 'progress', name: 'Tom Vermeulen' }],
    ['mijn reflecties', { kind: 'myReflections' }],
    ['My  Reflections.', { kind: 'myReflections' }],
    ['feedback voor Amira El Idrissi', { kind: 'feedbackFor', name: 'Amira El Idrissi' }],
    ['feedback for tom', { kind: 'feedbackFor', name: 'tom' }],
    ['feedback voor', { kind: 'feedbackFor', name: '' }],
    ['vandaag overslaan', { kind: 'skipToday' }],
    ['skip today', { kind: 'skipToday' }],
    ['hervat', { kind: 'resume' }],
    ['resume', { kind: 'resume' }],
    ['stop', { kind: 'stop' }],
    ['Stop.', { kind: 'stop' }],
    ['taal en', { kind: 'language', language: 'en' }],
    ['language nl', { kind: 'language', language: 'nl' }],
    ['taal Engels', { kind: 'language', language: 'en' }],
    ['language', { kind: 'language', language: null }],
    ['mijn gegevens', { kind: 'myData' }],
    ['my data', { kind: 'myData' }],
    ['admin', { kind: 'admin', args: '' }],
    ['admin import roster', { kind: 'admin', args: 'import roster' }],
    ['verwijder reflectie 2', { kind: 'deleteReflection', number: 2 }],
    ['delete reflection #3', { kind: 'deleteReflection', number: 3 }],
    ['bewerk reflectie 1', { kind: 'editReflection', number: 1 }],
    ['pas reflectie 4 aan', { kind: 'editReflection', number: 4 }],
    ['edit reflection 12', { kind: 'editReflection', number: 12 }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    'Ik moest stoppen met het gesprek.',
    'feedback geven aan de cliënt was lastig',
    'pauze nemen hielp me',
    'taal was een probleem bij deze cliënt',
    'help de cliënt met zijn aanvraag',
    'stop het gesprek',
    '',
    '   ',
    '👍',
  ])('leaves an ordinary answer alone: %s', (text) => {
    expect(parseCommand(text)).toBeNull();
  });

  it('reads the dates of "pauze tot" in every accepted form', () => {
    expect(parseCommand('pauze tot 2026-12-24')).toEqual({
      kind: 'pause',
      date: { kind: 'date', day: 24, month: 12, year: 2026 },
    });
    expect(parseCommand('pause until 24/12')).toEqual({ kind: 'pause', date: { kind: 'date', day: 24, month: 12 } });
    expect(parseCommand('pauze tot 24/12/2026')).toEqual({
      kind: 'pause',
      date: { kind: 'date', day: 24, month: 12, year: 2026 },
    });
    expect(parseCommand('pauze tot 24 december')).toEqual({
      kind: 'pause',
      date: { kind: 'date', day: 24, month: 12 },
    });
    expect(parseCommand('pause until December 24th, 2027')).toEqual({
      kind: 'pause',
      date: { kind: 'date', day: 24, month: 12, year: 2027 },
    });
    expect(parseCommand('pauze tot morgen')).toEqual({ kind: 'pause', date: { kind: 'relative', days: 1 } });
    expect(parseCommand('pauze 3/1')).toEqual({ kind: 'pause', date: { kind: 'date', day: 3, month: 1 } });
    expect(parseCommand('pauze tot ooit')).toEqual({ kind: 'pause', date: null });
    expect(parseCommand('pauze')).toEqual({ kind: 'pause', date: null });
  });
});

describe('dates', () => {
  it.each([
    ['24/12', '2026-12-01', '2026-12-24'],
    ['3/1', '2026-12-01', '2027-01-03'],
    ['1/12', '2026-12-01', '2026-12-01'],
    ['24.12.26', '2026-12-01', '2026-12-24'],
    ['24 dec', '2026-12-01', '2026-12-24'],
    ['5 mei 2027', '2026-12-01', '2027-05-05'],
    ['May 5', '2026-12-01', '2027-05-05'],
    ['morgen', '2026-12-31', '2027-01-01'],
    ['29/2', '2027-03-01', '2028-02-29'],
  ])('%s from %s is %s', (input, today, expected) => {
    expect(resolveDateSpec(parseDateSpec(input)!, today)).toBe(expected);
  });

  it('refuses dates that do not exist', () => {
    expect(parseDateSpec('32/12')).toBeNull();
    expect(parseDateSpec('12/13')).toBeNull();
    expect(parseDateSpec('ooit eens')).toBeNull();
    expect(resolveDateSpec(parseDateSpec('31/02/2027')!, '2026-12-01')).toBeNull();
  });
});
