// The pseudonymiser on labelled sentences written as students write: recall and precision of person names
// (per word), and every identifier pattern masked. The figures are printed so they can be reported.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pseudonymise } from '../../bot/llm/pseudonymise.js';
import { loadLabelledSet, score } from './labelled-set.js';

const SETS = [
  ['labelled-sentences.json', 'the labelled set'],
  ['held-out-sentences.json', 'held-out set 1 (never used for tuning)'],
  ['held-out-2-sentences.json', 'held-out set 2 (run once before changes, then used)'],
  ['held-out-3-sentences.json', 'held-out set 3 (written last, never used for tuning)'],
] as const;

describe('person names in labelled sentences', () => {
  it('has at least 80 labelled sentences in Dutch and English, with look-alikes that are no names', () => {
    const set = loadLabelledSet('labelled-sentences.json');
    expect(set.sentences.length).toBeGreaterThanOrEqual(80);
    expect(set.sentences.filter((s) => s.lang === 'nl').length).toBeGreaterThan(40);
    expect(set.sentences.filter((s) => s.lang === 'en').length).toBeGreaterThan(20);
    const all = set.sentences.map((s) => s.text).join(' ');
    for (const lookAlike of ['Vlaanderen', 'OCMW', 'Maandag', 'CAW', 'Gent', 'Kind en Gezin', 'Colruyt'])
      expect(all).toContain(lookAlike);
  });

  it.each(SETS)('finds person names in %s with recall >= 0.95 and precision >= 0.85', (file, label) => {
    const s = score(loadLabelledSet(file));
    console.log(
      `${label}: ${s.sentences} sentences, ${s.nameWords} name words, recall ${s.recall.toFixed(3)}, precision ${s.precision.toFixed(3)}`,
      s.missed.length ? `missed: ${s.missed.map((m) => m.word).join(', ')}` : '',
      s.wronglyMasked.length ? `wrongly masked: ${s.wronglyMasked.map((m) => m.word).join(', ')}` : '',
    );
    expect(s.recall, JSON.stringify(s.missed)).toBeGreaterThanOrEqual(0.95);
    expect(s.precision, JSON.stringify(s.wronglyMasked)).toBeGreaterThanOrEqual(0.85);
  });

  it('keeps one placeholder per person across a text and links a later initial to the name', () => {
    const p = pseudonymise('Ik sprak met mevrouw Verhoeven. Verhoeven was boos. Later belde mevrouw V. nog.', []);
    expect(p.text).toBe('Ik sprak met mevrouw [PERSOON_1]. [PERSOON_1] was boos. Later belde mevrouw [PERSOON_1] nog.');
  });

  it('masks a name used earlier in the reflection, also where it opens a sentence', () => {
    const earlier = ['Ik had een gesprek met mevrouw Vercruysse over haar huur.'];
    // The same sentence alone: the name opens it and is found by the earlier mention.
    expect(pseudonymise('Vercruysse was boos.', [], { context: earlier }).text).toBe('[PERSOON_1] was boos.');
  });

  it('masks the rest of a name whose first name is on the roster, and tells apart two people of one family', () => {
    const p = pseudonymise('Ik sprak met Jan Verhoeven en met Jan.', ['Jan Peeters']);
    expect(p.text).toBe('Ik sprak met [PERSOON_1] [PERSOON_2] en met [PERSOON_1].');
    expect(pseudonymise('Mevrouw Van den Bossche en haar dochter Ilse Van den Bossche.', []).text).toBe(
      'Mevrouw [PERSOON_1] en haar dochter [PERSOON_2].',
    );
  });

  it('never takes a framework word for a name', () => {
    const text = 'Ik werkte aan mijn Hulpverleningsrelatie en Netwerkversterking.';
    expect(pseudonymise(text, [], { vocabulary: ['Netwerkversterking', 'Hulpverleningsrelatie opbouwen'] }).text).toBe(
      text,
    );
  });
});

interface IdentifierCase {
  text: string;
  identifiers: { value: string; kind: string }[];
}

describe('identifiers', () => {
  const cases = (
    JSON.parse(readFileSync(new URL('../fixtures/pseudonymise/identifiers.json', import.meta.url), 'utf8')) as {
      cases: IdentifierCase[];
    }
  ).cases;

  it.each(cases)('masks every identifier in "$text"', ({ text, identifiers }) => {
    const p = pseudonymise(text, [], { now: new Date('2026-11-30T00:00:00Z') });
    for (const { value, kind } of identifiers) {
      expect(p.text, value).not.toContain(value);
      expect(
        p.spans.some((s) => s.kind === kind && text.slice(s.start, s.end).includes(value)),
        `${kind}: ${p.text}`,
      ).toBe(true);
    }
  });

  it('leaves recent dates, times and short numbers alone', () => {
    const text = 'Afspraak op 03/04/2025 om 14.30 in lokaal 1234 met 3 jongeren.';
    expect(pseudonymise(text, [], { now: new Date('2026-11-30T00:00:00Z') }).text).toBe(text);
  });
});
