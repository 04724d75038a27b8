import { describe, expect, it } from 'vitest';
import { pseudonymise } from '../../bot/llm/pseudonymise.js';

const roster = ['Amira El Idrissi', 'Jan Peeters', 'Zoë Van den Broeck'];

describe('pseudonymise', () => {
  it('replaces full, first and last names with one placeholder per person, numbered by first appearance', () => {
    const p = pseudonymise(
      'Jan Peeters was mijn mentor. Later zei Jan dat Peeters te laat was. Amira keek toe.',
      roster,
    );
    expect(p.text).toBe(
      '[PERSOON_1] was mijn mentor. Later zei [PERSOON_1] dat [PERSOON_1] te laat was. [PERSOON_2] keek toe.',
    );
  });

  it('matches case-insensitively and regardless of accents, on whole words only', () => {
    // "Janssens", "Janine" and "Amiras" are other people: masked too, but never as Jan or Amira.
    const p = pseudonymise('ZOE en zoë en Zoe. Maar niet Janssens, Janine of Amiras.', roster);
    expect(p.text).toBe(
      '[PERSOON_1] en [PERSOON_1] en [PERSOON_1]. Maar niet [PERSOON_2], [PERSOON_3] of [PERSOON_4].',
    );
    expect(pseudonymise('Jan en Janssens', roster).text).toBe('[PERSOON_1] en [PERSOON_2]');
  });

  it('prefers the longest form and handles multi-word surnames with particles', () => {
    const p = pseudonymise(
      'Mevrouw El Idrissi, ook Amira El Idrissi of gewoon Idrissi genoemd, en de Van den Broeck-familie.',
      roster,
    );
    expect(p.text).toBe(
      'Mevrouw [PERSOON_1], ook [PERSOON_1] of gewoon [PERSOON_1] genoemd, en de [PERSOON_2]-familie.',
    );
    // Particles on their own are ordinary words and stay.
    expect(pseudonymise('De cliënt van de buren.', roster).text).toBe('De cliënt van de buren.');
  });

  it('lets names span line breaks and extra spaces', () => {
    expect(pseudonymise('Met Jan\n  Peeters besproken.', roster).text).toBe('Met [PERSOON_1] besproken.');
  });

  it('replaces emails and phone numbers, but not dates or short numbers', () => {
    const text =
      'Mail jan.peeters@ocmw.example.be of bel 0470 12 34 56, +32 9 123 45 67 of 0470/12.34.56. Afspraak op 03/04/2025 om 14.30 in lokaal 1234.';
    const p = pseudonymise(text, roster);
    expect(p.text).toBe(
      'Mail [EMAIL_1] of bel [TELEFOON_1], [TELEFOON_2] of [TELEFOON_1]. Afspraak op 03/04/2025 om 14.30 in lokaal 1234.',
    );
    expect(p.text).not.toMatch(/jan|peeters|0470/i);
  });

  it('restores placeholders to the spelling first seen, tolerating case and spacing changes', () => {
    const p = pseudonymise('Ik sprak met amira en Jan Peeters (jan.peeters@ocmw.example.be).', roster);
    expect(p.text).toBe('Ik sprak met [PERSOON_1] en [PERSOON_2] ([EMAIL_1]).');
    expect(p.restore('Wat zei [PERSOON_1] tegen [ persoon_2 ]? Mail [EMAIL_1].')).toBe(
      'Wat zei amira tegen Jan Peeters? Mail jan.peeters@ocmw.example.be.',
    );
    expect(p.restore('Onbekend: [PERSOON_9].')).toBe('Onbekend: [PERSOON_9].');
    expect(p.restore(p.text)).toBe('Ik sprak met amira en Jan Peeters (jan.peeters@ocmw.example.be).');
  });

  it('leaves text without names untouched and copes with an empty roster', () => {
    const p = pseudonymise('Gewone tekst, geen namen.', []);
    expect(p.text).toBe('Gewone tekst, geen namen.');
    expect(p.restore('x')).toBe('x');
  });

  it('does not get confused by characters whose folded form is longer or shorter', () => {
    // A Hangul syllable decomposes into three letters and the combining accent in "Zoe\u0308" folds to nothing;
    // replacements must still land on the right characters of the original.
    const p = pseudonymise('Het woord 한국 (Korea), Zoe\u0308 en Jan.', roster);
    expect(p.text).toBe('Het woord 한국 (Korea), [PERSOON_1] en [PERSOON_2].');
  });
});
