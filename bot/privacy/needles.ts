// How a person is recognised in text and keys: their name, email and platform ids as PostgreSQL regular
// expressions (case-insensitive, not inside a longer word), and the outbox keys that are about them.
import type { RelatedIds } from '../../db/queries/person-data.js';

/** What replaces an erased person's name or email in someone else's text: language-neutral, no JSON escaping. */
export const ERASED = '[…]';

/** Shorter platform ids could occur inside unrelated text. */
const MIN_ID_LENGTH = 6;

export interface PersonNeedles {
  /** Null when someone else has the same name: then the name does not say who is meant and is left alone. */
  name: string | null;
  email: string;
  /** Platform user ids, Slack DM channel ids, Teams conversation and object ids. */
  platformIds: string[];
}

const escapeRegex = (s: string): string => s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

/** The forms a value takes in stored text: as written, and escaped inside a JSON string. */
const forms = (value: string): string[] => {
  const json = JSON.stringify(value).slice(1, -1);
  return json === value ? [value] : [value, json];
};

const word = (value: string): string => `(?<![[:alnum:]])${escapeRegex(value)}(?![[:alnum:]])`;
const email = (value: string): string => `(?<![[:alnum:]._%+-])${escapeRegex(value)}(?![[:alnum:]_-]|[.][[:alnum:]])`;

/** The ids a platform knows the person by, from their identities' user ids and stored references. */
export function platformIdsOf(
  identities: readonly { platform: string; userId: string; reference: unknown }[],
): string[] {
  const ids = new Set<string>();
  for (const identity of identities) {
    ids.add(identity.userId);
    const ref = (identity.reference ?? {}) as Record<string, unknown>;
    // Slack and the playground: the DM channel. Teams' channelId is the platform's name, not the person's.
    if (identity.platform !== 'teams' && typeof ref.channelId === 'string') ids.add(ref.channelId);
    const conversation = ref.conversation as Record<string, unknown> | undefined;
    if (typeof conversation?.id === 'string') ids.add(conversation.id);
    const user = ref.user as Record<string, unknown> | undefined;
    if (typeof user?.id === 'string') ids.add(user.id);
    if (typeof user?.aadObjectId === 'string') ids.add(user.aadObjectId);
  }
  return [...ids].filter((id) => id.trim().length >= MIN_ID_LENGTH);
}

/** Name, email and platform ids, as one case-insensitive regular expression (PostgreSQL syntax). */
export function textPattern(needles: PersonNeedles): string {
  const parts = [
    ...(needles.name && needles.name.trim().length >= 3 ? forms(needles.name).map(word) : []),
    ...forms(needles.email).map(email),
    ...needles.platformIds.flatMap(forms).map((id) => (id.includes('@') ? email(id) : word(id))),
  ];
  return parts.join('|');
}

/** The platform ids alone (event keys hold ids, never names); null when there are none. */
export function platformIdPattern(needles: PersonNeedles): string | null {
  return needles.platformIds.length > 0 ? needles.platformIds.flatMap(forms).map(word).join('|') : null;
}

/**
 * Outbox messages to others that exist because of the person (the keys are made in bot/flows/feedback,
 * bot/digest/actions.ts and bot/flows/safety): exact keys and anchored key patterns.
 */
export function outboxKeysAbout(personId: number, related: RelatedIds): { keys: string[]; patterns: string[] } {
  return {
    keys: related.requestIds.flatMap((id) => [`feedback-request:${id}`, `feedback-reminder:${id}`]),
    patterns: [
      ...related.requestIds.map((id) => `^coach-remind:${id}:`),
      ...related.receivedFeedbackIds.map((id) => `^feedback-reaction:${id}:`),
      `^safety-contact:${personId}:`,
      `^coach-nudge:${personId}:`,
    ],
  };
}
