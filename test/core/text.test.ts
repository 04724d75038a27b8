// Cleaning untrusted chat text.
import { describe, expect, it } from 'vitest';
import { cleanText, MAX_MESSAGE_CHARS } from '../../bot/core/text.js';

describe('cleanText', () => {
  it('drops control and invisible characters, unifies line breaks and trims', () => {
    expect(cleanText('  a\u0000b\u200bc\r\nd\u202e\t \u0007 ')).toEqual({ text: 'abc\nd', truncated: false });
  });

  it('keeps emoji and accents (composed)', () => {
    expect(cleanText('cafe\u0301 👍🏽').text).toBe('café 👍🏽');
  });

  it('cuts long text without splitting an emoji', () => {
    const text = `${'a'.repeat(MAX_MESSAGE_CHARS - 1)}😀tail`;
    const clean = cleanText(text);
    expect(clean.truncated).toBe(true);
    expect(clean.text).toBe('a'.repeat(MAX_MESSAGE_CHARS - 1));
    expect(cleanText('x'.repeat(200_000)).text).toHaveLength(MAX_MESSAGE_CHARS);
  });
});
