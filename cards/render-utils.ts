// Helpers shared by both renderers. Visible truncation: a cut is always marked with '…' so a reader
// knows there was more; identifiers and URLs are never cut (a cut id routes wrongly), callers throw.
import type { ActionElement, CardElement, CardSpec, ChoiceInputElement, ChoiceOption } from './spec.js';

export const ELLIPSIS = '…';

/** Cuts `text` to at most `max` UTF-16 units, ending with '…' when cut. Never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  // A high surrogate at the cut would leave half a character behind.
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/**
 * Like `truncate`, but the limit applies to `encode(text)` (e.g. Slack mrkdwn escaping, which grows
 * '&' to '&amp;'). Cuts the source so that an escape sequence is never split.
 */
export function truncateEncoded(text: string, max: number, encode: (s: string) => string): string {
  const full = encode(text);
  if (full.length <= max) return full;
  let used = 0;
  let out = '';
  for (const ch of text) {
    const piece = encode(ch);
    if (used + piece.length > max - 1) break;
    out += piece;
    used += piece.length;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/** Default notice for items left out of a list, when the spec gives no localised `overflowText`. */
export const DEFAULT_OVERFLOW_TEXT = '+{count} …';

/** Fills the `{count}` placeholder of a (localised) overflow notice. */
export function overflowNotice(template: string | undefined, count: number): string {
  return (template ?? DEFAULT_OVERFLOW_TEXT).replaceAll('{count}', String(count));
}

/** Throws when an identifier-like value exceeds a limit; such values cannot be shortened safely. */
export function assertMaxLength(what: string, value: string, max: number): void {
  if (value.length > max) {
    throw new RangeError(
      `${what} is ${value.length} characters; the limit is ${max} and it cannot be shortened safely`,
    );
  }
}

/** What an action sends back: its data plus the verb, so a fallback (Action.Submit, a Slack button value) can route. */
export function actionPayload(action: ActionElement): Record<string, string> {
  return { ...action.data, verb: action.verb };
}

/** Input ids name the submitted values; duplicates would overwrite each other, so they are a bug in the spec. */
export function assertUniqueInputIds(spec: CardSpec): void {
  const seen = new Set<string>();
  for (const el of spec.elements) {
    if (el.type !== 'choice' && el.type !== 'input') continue;
    if (!el.id) throw new RangeError(`card ${spec.kind}: an input has an empty id`);
    if (seen.has(el.id)) throw new RangeError(`card ${spec.kind}: input id "${el.id}" is used twice`);
    seen.add(el.id);
  }
}

/** Inputs and buttons are the point of a card; when content must go, these stay. */
export function isInteractive(el: CardElement): boolean {
  return el.type === 'choice' || el.type === 'input' || el.type === 'actions';
}

/**
 * Picks at most `max` options, keeping the spec's order but never losing a preselected option
 * (it would otherwise vanish from the submitted value without anyone seeing it).
 */
export function capOptions(options: ChoiceOption[], max: number, selected: ReadonlySet<string>): ChoiceOption[] {
  if (options.length <= max) return options;
  const kept = options.slice(0, max);
  const missing = options.slice(max).filter((o) => selected.has(o.value));
  if (missing.length === 0) return kept;
  // Replace unselected options from the end of the kept list with the missing selected ones.
  const result = [...kept];
  for (const opt of missing) {
    for (let i = result.length - 1; i >= 0; i--) {
      const candidate = result[i];
      if (candidate && !selected.has(candidate.value)) {
        result.splice(i, 1);
        break;
      }
    }
    result.push(opt);
  }
  const order = new Map(options.map((o, i) => [o.value, i]));
  return result.sort((a, b) => (order.get(a.value) ?? 0) - (order.get(b.value) ?? 0));
}

/** Values preselected in a choice: one value, or a comma-separated list for a multi-select. */
export function selectedValues(choice: ChoiceInputElement): Set<string> {
  if (choice.value === undefined || choice.value === '') return new Set();
  return new Set(choice.multiple ? choice.value.split(',').map((v) => v.trim()) : [choice.value]);
}
