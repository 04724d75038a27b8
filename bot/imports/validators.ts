// Small checks shared by the imports.
import { z } from 'zod';

// Building an Intl formatter is slow (~0.1 ms); a roster repeats the same few zones thousands of times.
const knownZones = new Map<string, boolean>();

export const isIanaTimeZone = (zone: string): boolean => {
  let valid = knownZones.get(zone);
  if (valid === undefined) {
    try {
      // Intl accepts legacy aliases such as "UTC"; those are fine. It rejects unknown names.
      new Intl.DateTimeFormat('en', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    knownZones.set(zone, valid);
  }
  return valid;
};

const emailSchema = z.string().email();
export const isEmail = (value: string): boolean => emailSchema.safeParse(value).success;

export const SUPPORTED_LOCALES = ['nl-BE', 'nl', 'en', 'en-GB', 'en-US'] as const;
export const isSupportedLocale = (value: string): boolean => (SUPPORTED_LOCALES as readonly string[]).includes(value);

/** Splits a `;`-separated cell into trimmed, non-empty values. */
export const splitList = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
