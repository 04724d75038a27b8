// Every user-visible string goes through t(). Locales are reduced to their language (nl-BE → nl).
import { en } from './en.js';
import { type MessageKey, nl } from './nl.js';

export type { MessageKey } from './nl.js';
export type Language = 'nl' | 'en';

const catalogues: Record<Language, Record<MessageKey, string>> = { nl, en };

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
