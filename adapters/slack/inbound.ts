// Slack payloads → the pieces of an Inbound: which messages count, idempotency keys, card actions and their inputs.
// Pure functions; the adapter adds the identity (email from users.info) and calls the core.
import { createHash } from 'node:crypto';
import { parseBlockKitActionValue, verbFromActionId } from '../../cards/blockkit.js';
import type { MessageRef } from '../../bot/core/types.js';
import type {
  SlackBlockAction,
  SlackBlockActionsBody,
  SlackEventEnvelope,
  SlackMessageEvent,
  SlackStateValue,
  SlackStateValues,
} from './payloads.js';
import { plainFromSlack } from './text.js';

export const PLATFORM = 'slack';

/** Message subtypes a person produces by writing; edits, joins, bot posts and the like are not new input. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

export type MessageVerdict =
  | { accept: true; userId: string; channelId: string; text: string; key: string }
  | { accept: false; reason: string };

/** Decides whether a message event is a person writing to the bot in its DM, and with which dedupe key. */
export function acceptDirectMessage(
  envelope: SlackEventEnvelope<SlackMessageEvent>,
  botUserId: string | undefined,
): MessageVerdict {
  const event = envelope.event;
  if (event.channel_type !== 'im') return { accept: false, reason: 'not a direct message' };
  if (event.bot_id || event.subtype === 'bot_message') return { accept: false, reason: 'from a bot' };
  if (!PERSON_SUBTYPES.has(event.subtype)) return { accept: false, reason: `subtype ${event.subtype}` };
  if (!event.user || !event.channel) return { accept: false, reason: 'no user or channel' };
  if (botUserId && event.user === botUserId) return { accept: false, reason: 'from the bot itself' };
  const text = plainFromSlack(event.text ?? '');
  if (!text) return { accept: false, reason: 'no text' };
  const key = messageKey(envelope);
  if (!key) return { accept: false, reason: 'no event id' };
  return { accept: true, userId: event.user, channelId: event.channel, text, key };
}

/**
 * The envelope's event_id is what Slack's retries repeat; client_msg_id (set by the person's client) is the
 * fallback, and the message's own channel+ts the last resort.
 */
export function messageKey(envelope: SlackEventEnvelope<SlackMessageEvent>): string | undefined {
  if (envelope.event_id) return `slack:${envelope.event_id}`;
  if (envelope.event.client_msg_id) return `slack:msg:${envelope.event.client_msg_id}`;
  if (envelope.event.channel && envelope.event.ts) return `slack:ts:${envelope.event.channel}:${envelope.event.ts}`;
  return undefined;
}

/** Interaction keys: Slack does not retry these, but a double click or a replay must still count once. */
export function interactionKey(kind: 'action' | 'view' | 'cmd', ...parts: (string | undefined)[]): string {
  const digest = createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u0000'))
    .digest('hex');
  return `slack:${kind}:${digest.slice(0, 40)}`;
}

/** The values of a card's inputs by input id (the renderer uses the input id as action_id). */
export function inputsFromState(values: SlackStateValues | undefined): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const block of Object.values(values ?? {})) {
    for (const [actionId, state] of Object.entries(block ?? {})) inputs[actionId] = stateValue(state);
  }
  return inputs;
}

function stateValue(state: SlackStateValue): string {
  if (state.selected_options) return state.selected_options.map((o) => o.value ?? '').join(',');
  if (state.selected_option) return state.selected_option.value ?? '';
  if (state.selected_users) return state.selected_users.join(',');
  const scalar =
    state.value ??
    state.selected_date ??
    state.selected_time ??
    state.selected_user ??
    state.selected_channel ??
    state.selected_conversation ??
    (state.selected_date_time != null ? String(state.selected_date_time) : undefined);
  return scalar ?? '';
}

export interface CardAction {
  verb: string;
  data: Record<string, string>;
  inputs: Record<string, string>;
  message?: MessageRef;
  key: string;
}

/** A button click on one of our cards; other element interactions (a select changing) carry no intent. */
export function cardActionFromBlockActions(
  body: SlackBlockActionsBody,
  action: SlackBlockAction,
): CardAction | undefined {
  if (action.type !== 'button' || !action.action_id) return undefined;
  // The action id names the verb (the renderer adds '#2' for a repeated verb); the value carries the data.
  const parsed = action.value ? parseBlockKitActionValue(action.value) : undefined;
  const result: CardAction = {
    verb: verbFromActionId(action.action_id),
    data: parsed?.data ?? {},
    inputs: inputsFromState(body.state?.values),
    key: interactionKey('action', body.trigger_id, action.action_ts, action.action_id, body.user?.id),
  };
  const message = messageOf(body);
  if (message) result.message = message;
  return result;
}

/** The message a click came from, when it can be updated later (not ephemeral, not a view). */
export function messageOf(body: SlackBlockActionsBody): MessageRef | undefined {
  const c = body.container;
  if (c?.type !== 'message' || c.is_ephemeral) return undefined;
  const channelId = c.channel_id ?? body.channel?.id;
  const messageId = c.message_ts ?? body.message?.ts;
  return channelId && messageId ? { platform: PLATFORM, channelId, messageId } : undefined;
}
