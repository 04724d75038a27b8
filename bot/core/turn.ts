// One turn of a conversation: a handler reads what it needs and *returns* what should change. The core then
// applies it in one transaction together with the idempotency key, so an event is never marked handled
// without its effect, and slow work (an LLM call) never runs inside a transaction.
import type { CardSpec } from '../../cards/spec.js';
import type { Queryable } from '../../db/db.js';
import type { ConversationRow } from '../../db/queries/conversations.js';
import type { PersonRow } from '../../db/queries/people.js';
import type { LlmAssistant } from '../llm/client.js';
import type { Logger } from '../log/logger.js';
import type { BotSettings } from './bot.js';
import type { Outbound } from './types.js';

export interface TurnEnv {
  assistant: LlmAssistant;
  logger: Logger;
  settings: BotSettings;
}

export interface TurnContext {
  /** For reads only; every write goes into `TurnResult.writes`. */
  db: Queryable;
  env: TurnEnv;
  person: PersonRow;
  /** The stored conversation as it was when the turn started (its version guards the write). */
  conversation: ConversationRow | null;
  now: Date;
  /** Today (YYYY-MM-DD) in the person's time zone. */
  today: string;
}

/** What the conversation row becomes: `null` deletes it. */
export type ConversationChange = { flow: string; step: string; state: unknown } | null;

export type Write = (tx: Queryable) => Promise<void>;

export interface TurnResult {
  replies: Outbound[];
  /** Left undefined when the conversation stays as it is. */
  conversation?: ConversationChange;
  writes?: Write[];
  /** False for refusals: nothing at all is stored, not even the event key. Default true. */
  record?: boolean;
}

export const reply = (text: string, card?: CardSpec): Outbound => (card ? { text, card } : { text });

/** A reply that changes nothing and stores nothing (a refusal of untrusted input). */
export const refusal = (text: string): TurnResult => ({ replies: [reply(text)], record: false });
