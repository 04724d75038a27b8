// Incoming chat text is untrusted: control characters go, line breaks are unified and the length is bounded.

/** Longest text stored from one message; a reflection is a few paragraphs, not a document. */
export const MAX_MESSAGE_CHARS = 10_000;

export interface CleanText {
  text: string;
  truncated: boolean;
}

// C0/C1 control characters except tab and line feed, plus zero-width and bidi-override characters that can
// hide or reorder text when a coach reads it later.
const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u2800\u3164\uFEFF\uFFA0]/g;

export function cleanText(raw: string, max = MAX_MESSAGE_CHARS): CleanText {
  // Unicode spaces of every width (\s misses none of the common ones) count as whitespace, so they trim away.
  const text = String(raw).normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
  if (text.length <= max) return { text, truncated: false };
  let end = max;
  const last = text.charCodeAt(end - 1);
  // Never leave half a surrogate pair (half an emoji) at the cut.
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: text.slice(0, end).trimEnd(), truncated: true };
}

/** Nothing visible: only spaces, marks, format characters or variation selectors. */
export const isBlank = (text: string): boolean => text.replace(/\s|\p{M}|\p{Cf}/gu, '') === '';

/** At least one letter or digit: an answer in words, not only emoji or punctuation. */
export const hasWords = (text: string): boolean => /[\p{L}\p{N}]/u.test(text);
