// Every user-visible string goes through t(). Locales are reduced to their language (nl-BE → nl).
// Catalogues are split by area (nl.ts: the conversation core; *-feedback.ts: feedback and progress); each
// English part is typed against its Dutch part, so a missing translation is a type error.
import { en } from './en.js';
import { enDigest } from './en-digest.js';
import { enErasure } from './en-erasure.js';
import { enFeedback } from './en-feedback.js';
import { enLoop } from './en-loop.js';
import { enPrivacy } from './en-privacy.js';
import { enSchedule } from './en-schedule.js';
import { nl } from './nl.js';
import { nlDigest } from './nl-digest.js';
import { nlErasure } from './nl-erasure.js';
import { nlFeedback } from './nl-feedback.js';
import { nlLoop } from './nl-loop.js';
import { nlPrivacy } from './nl-privacy.js';
import { nlSchedule } from './nl-schedule.js';

const nlCatalogue = { ...nl, ...nlFeedback, ...nlPrivacy, ...nlSchedule, ...nlDigest, ...nlLoop, ...nlErasure };
export type MessageKey = keyof typeof nlCatalogue;
export type Language = 'nl' | 'en';

const catalogues: Record<Language, Record<MessageKey, string>> = {
  nl: nlCatalogue,
  en: { ...en, ...enFeedback, ...enPrivacy, ...enSchedule, ...enDigest, ...enLoop, ...enErasure },
};

export const languageOf = (locale: string | null | undefined): Language =>
  locale?.toLowerCase().startsWith('en') ? 'en' : 'nl';

/** Replaces `{name}` placeholders; a missing parameter stays visible rather than silently vanishing. */
export function t(
  locale: string | null | undefined,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = catalogues[languageOf(locale)][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
