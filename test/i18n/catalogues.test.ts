// The catalogues are split by area and merged by spreading: a key defined in two parts would silently take the
// later part's text. Each key lives in exactly one part, in both languages.
import { describe, expect, it } from 'vitest';
import { en } from '../../bot/i18n/en.js';
import { enDigest } from '../../bot/i18n/en-digest.js';
import { enErasure } from '../../bot/i18n/en-erasure.js';
import { enFeedback } from '../../bot/i18n/en-feedback.js';
import { enLoop } from '../../bot/i18n/en-loop.js';
import { enPrivacy } from '../../bot/i18n/en-privacy.js';
import { enSchedule } from '../../bot/i18n/en-schedule.js';
import { nl } from '../../bot/i18n/nl.js';
import { nlDigest } from '../../bot/i18n/nl-digest.js';
import { nlErasure } from '../../bot/i18n/nl-erasure.js';
import { nlFeedback } from '../../bot/i18n/nl-feedback.js';
import { nlLoop } from '../../bot/i18n/nl-loop.js';
import { nlPrivacy } from '../../bot/i18n/nl-privacy.js';
import { nlSchedule } from '../../bot/i18n/nl-schedule.js';

const languages = {
  nl: { nl, nlFeedback, nlPrivacy, nlSchedule, nlDigest, nlLoop, nlErasure },
  en: { en, enFeedback, enPrivacy, enSchedule, enDigest, enLoop, enErasure },
};

describe.each(Object.entries(languages))('the %s catalogue', (_language, parts) => {
  it('defines every key in one part only', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [part, catalogue] of Object.entries(parts)) {
      for (const key of Object.keys(catalogue)) {
        if (owner.has(key)) twice.push(`${key} (${owner.get(key)} and ${part})`);
        owner.set(key, part);
      }
    }
    expect(twice).toEqual([]);
    expect(owner.size).toBeGreaterThan(100);
  });

  it('has no empty text', () => {
    const empty = Object.values(parts).flatMap((c) => Object.entries(c).filter(([, v]) => String(v).trim() === ''));
    expect(empty.map(([k]) => k)).toEqual([]);
  });
});
