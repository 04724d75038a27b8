// Pure translation of Slack payloads: which DMs count, dedupe keys, text unescaping, card inputs from state.values,
// button clicks to verbs and data, and the modal metadata round trip.
import { describe, expect, it } from 'vitest';
import {
  acceptDirectMessage,
  cardActionFromBlockActions,
  inputsFromState,
  interactionKey,
  messageKey,
} from '../../adapters/slack/inbound.js';
import {
  blankRequiredErrors,
  decodeModalMetadata,
  encodeModalMetadata,
  modalCandidate,
} from '../../adapters/slack/modal.js';
import type { SlackBlockActionsBody, SlackEventEnvelope, SlackMessageEvent } from '../../adapters/slack/payloads.js';
import { plainFromSlack, slackFromPlain } from '../../adapters/slack/text.js';
import { actions, card, text, textInput } from '../../cards/spec.js';
import { dmEvent, fixture } from './support.js';

const envelope = (patch: Partial<SlackMessageEvent> = {}, top: Record<string, unknown> = {}) => {
  const e = dmEvent('reflectie') as unknown as SlackEventEnvelope<SlackMessageEvent>;
  return { ...e, ...top, event: { ...e.event, ...patch } } as SlackEventEnvelope<SlackMessageEvent>;
};

describe('direct messages', () => {
  it('accepts a person writing in the DM, with the envelope event_id as key', () => {
    const e = envelope();
    expect(acceptDirectMessage(e, 'U0BOT00001')).toEqual({
      accept: true,
      userId: 'U0STUDENT1',
      channelId: 'D0STUDENT1',
      text: 'reflectie',
      key: `slack:${e.event_id}`,
    });
    expect(acceptDirectMessage(envelope({ subtype: 'file_share' }), 'U0BOT00001').accept).toBe(true);
  });

  it.each([
    ['a channel message', { channel_type: 'channel' }],
    ['a bot message', { bot_id: 'B0OTHER', subtype: 'bot_message' }],
    ['a message with a bot_id but no subtype', { bot_id: 'B0OTHER' }],
    ['an edit', { subtype: 'message_changed' }],
    ['a deletion', { subtype: 'message_deleted' }],
    ['a join', { subtype: 'channel_join' }],
    ['the bot itself', { user: 'U0BOT00001' }],
    ['an empty text', { text: '   ' }],
  ])('ignores %s', (_name, patch) => {
    expect(acceptDirectMessage(envelope(patch as Partial<SlackMessageEvent>), 'U0BOT00001').accept).toBe(false);
  });

  it('falls back to client_msg_id, then channel+ts, for the key', () => {
    const e = envelope({}, { event_id: undefined });
    expect(messageKey(e)).toBe(`slack:msg:${e.event.client_msg_id}`);
    const bare = envelope({ client_msg_id: undefined }, { event_id: undefined });
    expect(messageKey(bare)).toBe(`slack:ts:D0STUDENT1:${bare.event.ts}`);
  });
});

describe('text', () => {
  it('turns Slack mrkdwn input into plain text', () => {
    expect(plainFromSlack('a &lt; b &amp;&amp; c &gt; d')).toBe('a < b && c > d');
    expect(plainFromSlack('zie <https://example.be/x|de site> of <https://example.be>')).toBe(
      'zie de site of https://example.be',
    );
    expect(plainFromSlack('mail <mailto:jan@ocmw.example.be|jan@ocmw.example.be>')).toBe('mail jan@ocmw.example.be');
    expect(plainFromSlack('  hallo <@U0MENTOR01>  ')).toBe('hallo @U0MENTOR01');
  });

  it('escapes plain text for Slack and cuts very long text visibly', () => {
    expect(slackFromPlain('Zorg & welzijn <duaal>')).toBe('Zorg &amp; welzijn &lt;duaal&gt;');
    const long = slackFromPlain('&'.repeat(50_000));
    expect(long.length).toBeLessThanOrEqual(39_000);
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toMatch(/&am…$|&a…$|&…$/);
  });
});

describe('card actions', () => {
  it('reads the verb from the action id, the data from the value and every input from state.values', () => {
    const body = fixture<SlackBlockActionsBody>('block-actions');
    body.actions = [
      {
        ...body.actions![0]!,
        action_id: 'feedback.submit#2',
        value: '{"studentId":"12","verb":"feedback.submit","n":3}',
      },
    ];
    body.state = {
      values: {
        indicator: { indicator: { type: 'static_select', selected_option: { value: '31' } } },
        level: { level: { type: 'radio_buttons', selected_option: { value: '3' } } },
        conversation: {
          conversation: { type: 'checkboxes', selected_options: [{ value: 'yes' }, { value: 'later' }] },
        },
        task: { task: { type: 'plain_text_input', value: 'Intake' } },
        untouched: { untouched: { type: 'plain_text_input', value: null } },
        day: { day: { type: 'datepicker', selected_date: '2026-12-01' } },
      },
    };
    const action = cardActionFromBlockActions(body, body.actions[0]!);
    expect(action).toEqual({
      verb: 'feedback.submit',
      data: { studentId: '12' },
      inputs: {
        indicator: '31',
        level: '3',
        conversation: 'yes,later',
        task: 'Intake',
        untouched: '',
        day: '2026-12-01',
      },
      message: { platform: 'slack', channelId: 'D0MENTOR01', messageId: '1760000000.000001' },
      key: expect.stringMatching(/^slack:action:[0-9a-f]{40}$/),
    });
  });

  it('ignores select changes (not a button), and gives no message for an ephemeral or view container', () => {
    const body = fixture<SlackBlockActionsBody>('block-actions');
    expect(cardActionFromBlockActions(body, { type: 'static_select', action_id: 'indicator' })).toBeUndefined();
    body.container = { type: 'view', view_id: 'V1' };
    expect(cardActionFromBlockActions(body, body.actions![0]!)?.message).toBeUndefined();
    body.container = { type: 'message', channel_id: 'D1', message_ts: '1.2', is_ephemeral: true };
    expect(cardActionFromBlockActions(body, body.actions![0]!)?.message).toBeUndefined();
  });

  it('keys a click by trigger, action_ts, action id and user', () => {
    expect(interactionKey('action', 'a', 'b')).toBe(interactionKey('action', 'a', 'b'));
    expect(interactionKey('action', 'a', 'b')).not.toBe(interactionKey('action', 'a', 'c'));
    expect(interactionKey('action', 'ab', '')).not.toBe(interactionKey('action', 'a', 'b'));
    expect(inputsFromState(undefined)).toEqual({});
  });
});

describe('modal metadata', () => {
  const form = card({
    kind: 'f',
    title: 'Feedback',
    fallbackText: 'Feedback',
    elements: [
      textInput({ id: 'nextStep', label: 'Volgende stap', required: true, errorMessage: 'Verplicht.' }),
      actions({ verb: 'feedback.submit', label: 'Versturen', submitsInputs: true, data: { requestId: '9' } }),
    ],
  });

  it('round-trips the submit action, the origin message and the required inputs', () => {
    const origin = { platform: 'slack' as const, channelId: 'D1', messageId: '1.2' };
    const raw = encodeModalMetadata(form, { requestId: '9', verb: 'feedback.submit' }, origin)!;
    const metadata = decodeModalMetadata(raw)!;
    expect(metadata).toEqual({
      verb: 'feedback.submit',
      data: { requestId: '9' },
      message: { channelId: 'D1', messageId: '1.2' },
      required: { nextStep: 'Verplicht.' },
    });
    expect(blankRequiredErrors(metadata, { nextStep: ' ' })).toEqual({ nextStep: 'Verplicht.' });
    expect(blankRequiredErrors(metadata, { nextStep: 'Doorvragen' })).toBeUndefined();
    expect(decodeModalMetadata('{"a":{"no":"verb"}}')).toBeUndefined();
    expect(decodeModalMetadata('not json')).toBeUndefined();
  });

  it('drops the error texts before giving up when the metadata would exceed 3,000 characters', () => {
    const wordy = card({
      ...form,
      elements: [textInput({ id: 'x', label: 'X', required: true, errorMessage: 'e'.repeat(2990) }), ...form.elements],
    });
    const raw = encodeModalMetadata(wordy, { verb: 'feedback.submit' }, undefined)!;
    expect(raw.length).toBeLessThanOrEqual(3000);
    expect(decodeModalMetadata(raw)?.required).toEqual({});
    expect(encodeModalMetadata(form, { verb: 'v', big: 'x'.repeat(3000) }, undefined)).toBeUndefined();
  });

  it('opens a modal only for a .open verb whose reply is a new card with inputs', () => {
    const withInputs = { text: 'f', card: form };
    const plain = { text: 'p', card: card({ kind: 'p', fallbackText: 'p', elements: [text('hoi')] }) };
    expect(modalCandidate('feedback.open', [plain, withInputs])).toBe(withInputs);
    expect(modalCandidate('feedback.submit', [withInputs])).toBeUndefined();
    expect(modalCandidate('feedback.open', [plain])).toBeUndefined();
    const replacing = { ...withInputs, replaces: { platform: 'slack' as const, channelId: 'D1', messageId: '1' } };
    expect(modalCandidate('feedback.open', [replacing])).toBeUndefined();
  });
});
