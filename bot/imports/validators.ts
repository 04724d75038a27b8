// Small checks shared by the imports.
import { z } from 'zod';

export const isIanaTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    // Intl accepts some legacy aliases (e.g. "UTC", "GMT"); those are fine. It rejects unknown names.
    return true;
  } catch {
    return false;
  }
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
