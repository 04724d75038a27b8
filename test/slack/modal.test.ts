// The modal rule, adapter only (a scripted core): a click on a `.open` button whose reply is a card with inputs
// opens that card as a modal with views.open while the trigger is valid; view_submission comes back as the submit
// action with the inputs, the original message and response_action 'clear' (or inline errors for blank required
// inputs); a slow core gets the card posted in the DM instead. Also: Slack is answered before the core finishes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeModalMetadata } from '../../adapters/slack/modal.js';
import type { Bot } from '../../bot/core/bot.js';
import type { Inbound, Outbound } from '../../bot/core/types.js';
import { actions, card, choice, text, textInput } from '../../cards/spec.js';
import { dmChannelFor } from '../fakes/slack-api.js';
import { clickPayload, lastCardWith, submitPayload } from './slack-client.js';
import { eventually, postInteraction, type SlackHarness, quiet, startSlackHarness, USERS } from './support.js';

const JAN_DM = dmChannelFor(USERS.jan.id);
const JAN = { id: USERS.jan.id, name: 'jan.peeters' };

const launcher: Outbound = {
  text: 'Amira vraagt feedback.',
  card: card({
    kind: 'feedback-launcher',
    fallbackText: 'Amira vraagt feedback.',
    elements: [
      text('Amira vraagt feedback op haar shift.'),
      actions({ verb: 'feedback.open', label: 'Geef feedback', data: { requestId: '42' } }),
    ],
  }),
};

const form = card({
  kind: 'feedback-form',
  title: 'Feedback voor Amira El Idrissi',
  fallbackText: 'Feedback voor Amira',
  elements: [
    text('Wat zag je tijdens de shift?'),
    choice({
      id: 'level',
      label: 'Niveau',
      expanded: true,
      required: true,
      options: [
        { value: '2', label: 'In ontwikkeling' },
        { value: '3', label: 'Zelfstandig' },
      ],
    }),
    textInput({ id: 'nextStep', label: 'Volgende stap', required: true, errorMessage: 'Geef één volgende stap.' }),
    actions({ verb: 'feedback.submit', label: 'Versturen', submitsInputs: true, data: { requestId: '42' } }),
  ],
});

describe('Slack modals (.open rule) and ack-before-core', () => {
  let h: SlackHarness;
  const received: Inbound[] = [];
  let coreDelayMs = 0;
  /** When set, the core waits for it instead of for a delay: the test decides when the core answers. */
  let gate: Promise<void> | null = null;

  const bot: Bot = {
    async handle(inbound) {
      received.push(inbound);
      await (gate ?? new Promise((r) => setTimeout(r, coreDelayMs)));
      if (inbound.kind !== 'action') return [{ text: 'ok' }];
      if (inbound.verb === 'feedback.open')
        return [{ text: form.fallbackText, card: form }, { text: 'Tip: kort is goed.' }];
      if (inbound.verb === 'feedback.submit') {
        return [{ text: 'Bedankt voor je feedback!', ...(inbound.message ? { replaces: inbound.message } : {}) }];
      }
      return [];
    },
    directory: async () => [],
    saveReference: async () => undefined,
    home: async () => null,
    deliverLater: async () => undefined,
  };

  beforeAll(async () => {
    h = await startSlackHarness({ bot, modalDeadlineMs: 3000 });
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(async () => {
    coreDelayMs = 0;
    received.length = 0;
    h.fake.reset();
    // The launcher card reaches Jan as a proactive message (the outbox path).
    expect((await h.adapter.surface.send(recipient(), launcher)).ok).toBe(true);
  });

  const recipient = () => ({
    personId: 5,
    platform: 'slack' as const,
    tenantId: 'T0LEERKANS',
    userId: USERS.jan.id,
    reference: { channelId: JAN_DM },
    locale: 'nl-BE',
  });

  it('opens the reply card as a modal on the trigger, posts the other replies, and answers Slack first', async () => {
    let release: () => void = () => undefined;
    gate = new Promise((resolve) => {
      release = resolve;
    });
    const message = lastCardWith(h.fake, JAN_DM, 'feedback.open');
    const payload = clickPayload(message, { user: JAN, verb: 'feedback.open' });
    // The HTTP response is written by ack(), while the core is still held.
    const response = await postInteraction(h.url, payload);
    expect(response.status).toBe(200);
    gate = null;
    release();

    const [open] = await h.fake.waitFor('views.open');
    expect(open!.args.trigger_id).toBe(payload.trigger_id);
    const view = open!.args.view as {
      type: string;
      callback_id: string;
      private_metadata: string;
      submit: { text: string };
    };
    expect(view).toMatchObject({ type: 'modal', callback_id: 'feedback.submit', submit: { text: 'Versturen' } });
    expect(decodeModalMetadata(view.private_metadata)).toEqual({
      verb: 'feedback.submit',
      data: { requestId: '42' },
      message: { channelId: JAN_DM, messageId: message.ts },
      required: { nextStep: 'Geef één volgende stap.' },
    });
    await eventually(() =>
      expect(h.fake.callsTo('chat.postMessage').map((c) => c.args.text)).toContain('Tip: kort is goed.'),
    );
    // The form itself was not posted as a message.
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.args.text)).not.toContain(form.fallbackText);
    expect(received[0]).toMatchObject({ kind: 'action', verb: 'feedback.open', data: { requestId: '42' } });
  });

  it('takes the submission as the submit action with its inputs and the original message, and clears the modal', async () => {
    await postInteraction(
      h.url,
      clickPayload(lastCardWith(h.fake, JAN_DM, 'feedback.open'), { user: JAN, verb: 'feedback.open' }),
    );
    await h.fake.waitFor('views.open');
    received.length = 0;
    const response = await postInteraction(
      h.url,
      submitPayload(h.fake, { level: '3', nextStep: 'Vraag naar het netwerk.' }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ response_action: 'clear' });
    await eventually(() => expect(received).toHaveLength(1));
    const launcherTs = h.fake.callsTo('chat.postMessage')[0]!.response!.ts;
    expect(received[0]).toEqual({
      kind: 'action',
      from: {
        platform: 'slack',
        tenantId: 'T0LEERKANS',
        userId: USERS.jan.id,
        email: USERS.jan.email,
        displayName: USERS.jan.name,
      },
      verb: 'feedback.submit',
      data: { requestId: '42' },
      inputs: { level: '3', nextStep: 'Vraag naar het netwerk.' },
      message: { platform: 'slack', channelId: JAN_DM, messageId: launcherTs },
      key: expect.stringMatching(/^slack:view:[0-9a-f]{40}$/),
    });
    // The core's reply replaces the launcher card.
    const [update] = await h.fake.waitFor('chat.update');
    expect(update!.args).toMatchObject({ channel: JAN_DM, ts: launcherTs, text: 'Bedankt voor je feedback!' });
  });

  it('answers a blank required input with inline errors and does not run the core', async () => {
    await postInteraction(
      h.url,
      clickPayload(lastCardWith(h.fake, JAN_DM, 'feedback.open'), { user: JAN, verb: 'feedback.open' }),
    );
    await h.fake.waitFor('views.open');
    received.length = 0;
    const response = await postInteraction(h.url, submitPayload(h.fake, { level: '3', nextStep: '   ' }));
    expect(await response.json()).toEqual({
      response_action: 'errors',
      errors: { nextStep: 'Geef één volgende stap.' },
    });
    await quiet(h.adapter);
    expect(received).toHaveLength(0);
  });

  it('posts the card in the DM when the core answers too late for the trigger', async () => {
    coreDelayMs = 3500;
    await postInteraction(
      h.url,
      clickPayload(lastCardWith(h.fake, JAN_DM, 'feedback.open'), { user: JAN, verb: 'feedback.open' }),
    );
    await eventually(() =>
      expect(h.fake.callsTo('chat.postMessage').map((c) => c.args.text)).toContain(form.fallbackText),
    );
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
    // Posted as a message, the form still works: its inputs and submit button are there.
    const posted = lastCardWith(h.fake, JAN_DM, 'feedback.submit');
    expect(posted.blocks.map((b) => b.type)).toEqual(expect.arrayContaining(['input', 'actions']));
  });

  it('posts the card in the DM when views.open fails (an expired trigger)', async () => {
    h.fake.fail('views.open', { kind: 'error', error: 'expired_trigger_id' });
    await postInteraction(
      h.url,
      clickPayload(lastCardWith(h.fake, JAN_DM, 'feedback.open'), { user: JAN, verb: 'feedback.open' }),
    );
    await eventually(() =>
      expect(h.fake.callsTo('chat.postMessage').map((c) => c.args.text)).toContain(form.fallbackText),
    );
  });

  it('does not open a modal for a verb without .open, and ignores a submission of a view it does not know', async () => {
    const plain = await h.adapter.surface.send(recipient(), {
      text: 'Kaart',
      card: card({ kind: 'x', fallbackText: 'Kaart', elements: [actions({ verb: 'feedback.later', label: 'Later' })] }),
    });
    expect(plain.ok).toBe(true);
    await postInteraction(
      h.url,
      clickPayload(lastCardWith(h.fake, JAN_DM, 'feedback.later'), { user: JAN, verb: 'feedback.later' }),
    );
    await eventually(() =>
      expect(received.map((r) => (r.kind === 'action' ? r.verb : r.kind))).toContain('feedback.later'),
    );
    await quiet(h.adapter);
    expect(h.fake.callsTo('views.open')).toHaveLength(0);

    received.length = 0;
    await postInteraction(
      h.url,
      clickPayload(lastCardWith(h.fake, JAN_DM, 'feedback.open'), { user: JAN, verb: 'feedback.open' }),
    );
    await h.fake.waitFor('views.open');
    received.length = 0;
    const foreign = submitPayload(h.fake, { level: '3', nextStep: 'x' });
    (foreign.view as Record<string, unknown>).private_metadata = 'not ours';
    const response = await postInteraction(h.url, foreign);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    await quiet(h.adapter);
    expect(received).toHaveLength(0);
  });
});
