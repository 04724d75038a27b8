// Plays the Slack client: reads the messages and views the bot posted to the fake Slack API and builds the payloads
// Slack would send when a person clicks a button or submits a modal there (block_actions with state.values taken
// from the posted blocks, view_submission with the modal's private_metadata), on top of the captured fixtures.
import { verbFromActionId } from '../../cards/blockkit.js';
import type { FakeSlackApi, SlackCall } from '../fakes/slack-api.js';
import { fixture, USERS } from './support.js';

type Json = Record<string, unknown>;
interface Option {
  text: Json;
  value: string;
}
interface Element extends Json {
  type: string;
  action_id?: string;
  value?: string;
  options?: Option[];
  initial_option?: Option;
  initial_options?: Option[];
  initial_value?: string;
}
interface Block extends Json {
  type: string;
  block_id?: string;
  accessory?: Element;
  element?: Element;
  elements?: Element[];
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Block[];
  /** chat.update rewrote it. */
  updated: boolean;
}

/** Every message in a channel as it now stands: posts in order, with chat.update applied. */
export function messagesIn(fake: FakeSlackApi, channel: string): PostedMessage[] {
  const messages: PostedMessage[] = [];
  for (const call of fake.calls) {
    if (call.method === 'chat.postMessage' && call.args.channel === channel && call.response?.ts) {
      messages.push({
        channel,
        ts: String(call.response.ts),
        text: String(call.args.text ?? ''),
        blocks: (call.args.blocks as Block[] | undefined) ?? [],
        updated: false,
      });
    }
    if (call.method === 'chat.update' && call.args.channel === channel) {
      const target = messages.find((m) => m.ts === call.args.ts);
      if (target)
        Object.assign(target, { text: String(call.args.text ?? ''), blocks: call.args.blocks ?? [], updated: true });
    }
  }
  return messages;
}

export const buttonsOf = (message: PostedMessage): Element[] =>
  message.blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).filter((e) => e.type === 'button');

/** The latest message in the channel that has a button for `verb`. */
export function lastCardWith(fake: FakeSlackApi, channel: string, verb: string): PostedMessage {
  const found = messagesIn(fake, channel)
    .reverse()
    .find((m) => buttonsOf(m).some((b) => verbFromActionId(b.action_id ?? '') === verb));
  if (!found) {
    const texts = messagesIn(fake, channel).map((m) => m.text.slice(0, 80));
    throw new Error(`no message in ${channel} with a ${verb} button; messages: ${JSON.stringify(texts)}`);
  }
  return found;
}

export interface Click {
  user?: { id: string; name: string };
  verb: string;
  /** Picks the button whose value holds this data (several buttons can share a verb). */
  data?: Record<string, string>;
  /** What the person entered or picked, by input id; multiple choices comma-separated. */
  inputs?: Record<string, string>;
  /** Seconds.micros; default now. */
  actionTs?: string;
}

/** The block_actions payload Slack sends for a click on a button of a posted message. */
export function clickPayload(message: PostedMessage, click: Click): Json {
  const button = buttonsOf(message).find((b) => {
    if (verbFromActionId(b.action_id ?? '') !== click.verb) return false;
    const value = JSON.parse(b.value ?? '{}') as Record<string, string>;
    return Object.entries(click.data ?? {}).every(([k, v]) => value[k] === v);
  });
  if (!button) throw new Error(`no ${click.verb} button ${JSON.stringify(click.data ?? {})} on the message`);
  const user = click.user ?? { id: USERS.amira.id, name: 'amira' };
  const payload = fixture<Json>('block-actions');
  const actionTs = click.actionTs ?? `${(Date.now() / 1000).toFixed(6)}`;
  return {
    ...payload,
    user: { id: user.id, username: user.name, name: user.name, team_id: 'T0LEERKANS' },
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    channel: { id: message.channel, name: 'directmessage' },
    message: { ...(payload.message as Json), ts: message.ts, text: message.text, blocks: message.blocks },
    trigger_id: `${Date.now()}.1234567890123.${Math.random().toString(16).slice(2).padEnd(32, '0')}`,
    state: { values: stateValues(message.blocks, click.inputs ?? {}) },
    actions: [
      {
        action_id: button.action_id,
        block_id: 'Qw9Er',
        text: button.text,
        value: button.value,
        ...(button.style ? { style: button.style } : {}),
        type: 'button',
        action_ts: actionTs,
      },
    ],
  };
}

/** The view_submission payload for the modal the bot opened last (views.open), with the entered inputs. */
export function submitPayload(fake: FakeSlackApi, inputs: Record<string, string>, userId: string = USERS.jan.id): Json {
  const opened = fake.callsTo('views.open').at(-1);
  if (!opened) throw new Error('no modal was opened');
  const view = opened.args.view as Json & { blocks: Block[] };
  const base = fixture<Json & { view: Json }>('view-submission');
  return {
    ...base,
    user: { id: userId, username: 'jan.peeters', name: 'jan.peeters', team_id: 'T0LEERKANS' },
    view: {
      ...base.view,
      id: String((opened.response?.view as Json | undefined)?.id ?? 'V0000000001'),
      blocks: view.blocks,
      callback_id: view.callback_id,
      private_metadata: view.private_metadata ?? '',
      hash: `${Math.floor(Date.now() / 1000)}.${Math.random().toString(36).slice(2, 10)}`,
      state: { values: stateValues(view.blocks, inputs) },
    },
  };
}

/** state.values as Slack reports them: every stateful element, with what was entered or its initial value. */
export function stateValues(blocks: Block[], inputs: Record<string, string>): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  for (const block of blocks) {
    const element = block.type === 'input' ? block.element : block.type === 'section' ? block.accessory : undefined;
    if (!element?.action_id || !block.block_id) continue;
    const given = inputs[element.action_id];
    values[block.block_id] = { [element.action_id]: elementState(element, given) };
  }
  return values;
}

function elementState(element: Element, given: string | undefined): Json {
  const pick = (value: string) => {
    const option = element.options?.find((o) => o.value === value);
    if (!option) throw new Error(`option ${value} is not offered by ${element.action_id}`);
    return option;
  };
  switch (element.type) {
    case 'plain_text_input':
      return { type: element.type, value: given ?? element.initial_value ?? null };
    case 'static_select':
    case 'radio_buttons':
      return {
        type: element.type,
        selected_option: given !== undefined ? pick(given) : (element.initial_option ?? null),
      };
    case 'multi_static_select':
    case 'checkboxes':
      return {
        type: element.type,
        selected_options:
          given !== undefined ? given.split(',').filter(Boolean).map(pick) : (element.initial_options ?? []),
      };
    default:
      return { type: element.type };
  }
}

export const lastCall = (fake: FakeSlackApi, method: string): SlackCall | undefined => fake.callsTo(method).at(-1);
