// The whole path with the real core on a real database: Teams activities (captured shapes) posted to
// /api/messages, the core's answers arriving at the fake Bot Connector. A student installs the app and
// completes a reflection; a mentor gets the feedback card proactively and submits it with Action.Execute,
// getting the read-only card back in the invoke response; the Action.Submit fallback updates the card in place.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Recipient } from '../../bot/core/types.js';
import { planFeedbackCards } from '../../bot/flows/feedback/plan-cards.js';
import { t } from '../../bot/i18n/index.js';
import { silentLogger } from '../../bot/log/logger.js';
import type { Db } from '../../db/db.js';
import { databases } from '../support/databases.js';
import { DEMO, makeBot, requestFeedback, snapshotAll } from '../support/harness.js';
import { startTeamsHarness, TENANT, type TeamsHarness, type TeamsUser, USERS } from './harness.js';

interface SentActivity {
  text?: string;
  summary?: string;
  attachments?: { contentType: string; content: AdaptiveCard }[];
}
interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body: Record<string, unknown>[];
  actions?: { type: string; verb?: string; data?: Record<string, string>; fallback?: { type: string } }[];
}

/** Read-only: no inputs left and no submit (the thank-you card may still offer an "edit" button). */
const isReadOnly = (card: AdaptiveCard) => {
  const json = JSON.stringify(card);
  return !json.includes('"Input.') && !json.includes('"feedback.submit"');
};

describe.each(databases)('Teams with the real core on $name', ({ create }) => {
  let db: Db;
  let harness: TeamsHarness;

  beforeEach(async () => {
    db = await create(DEMO);
    harness = await startTeamsHarness({ bot: makeBot(db) });
  });
  afterEach(async () => {
    await harness.close();
    await db.close();
  });

  const say = async (user: TeamsUser, text: string) => {
    const before = harness.connector.sent().length;
    const res = await harness.post(harness.activity('message', user, { text }));
    expect(res.status).toBe(200);
    return harness.connector.sent().slice(before) as SentActivity[];
  };
  const install = async (user: TeamsUser) => {
    const res = await harness.post(harness.activity('installation-add', user));
    expect(res.status).toBe(200);
  };
  const identityOf = async (user: TeamsUser) =>
    (
      await db.query<{ person_id: number; reference: Record<string, unknown>; reachable: boolean; email: string }>(
        `SELECT i.person_id, i.reference, i.reachable, p.email FROM platform_identities i JOIN people p ON p.id = i.person_id
          WHERE i.platform = 'teams' AND i.tenant_id = $1 AND i.user_id = $2`,
        [TENANT, user.aadObjectId],
      )
    ).rows[0];

  it('links a student on install through getMember and stores the conversation reference', async () => {
    await install(USERS.tom);
    const welcome = harness.connector.sent();
    expect(welcome).toHaveLength(1);
    expect(welcome[0]).toMatchObject({ type: 'message', text: t('nl-BE', 'common.welcome', { name: 'Tom' }) });
    const memberCalls = harness.connector.calls.filter((c) => c.kind === 'member');
    expect(memberCalls.map((c) => c.activityId)).toEqual([USERS.tom.id]);

    const stored = await identityOf(USERS.tom);
    expect(stored).toMatchObject({ email: USERS.tom.email, reachable: true });
    expect(stored!.reference).toEqual({
      channelId: 'msteams',
      serviceUrl: harness.connector.serviceUrl,
      conversation: { id: USERS.tom.conversationId, conversationType: 'personal', tenantId: TENANT },
      user: { id: USERS.tom.id, aadObjectId: USERS.tom.aadObjectId },
      bot: { id: '28:5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' },
      locale: 'nl-BE',
    });

    // Teams also sends a conversationUpdate for the same install: the reference again, but no second welcome.
    const res = await harness.post(harness.activity('conversation-update', USERS.tom));
    expect(res.status).toBe(200);
    expect(harness.connector.sent()).toHaveLength(1);
  });

  it('walks a student through a whole reflection in the personal chat', async () => {
    await install(USERS.tom);
    const first = await harness.post(harness.activity('message', USERS.tom)); // "<at>Leerkans</at> reflectie"
    expect(first.status).toBe(200);
    const answers = [
      'werkplek',
      'Intakegesprek met een nieuwe cliënt.',
      'Ik moest het gesprek voorbereiden en leiden.',
      'Ik heb samengevat wat de cliënt vertelde en doorgevraagd naar wat hij zelf wilde doen.',
      'De cliënt voelde zich gehoord en we maakten samen een afspraak voor volgende week.',
      'Volgende keer vraag ik sneller door.',
      'SW1.3',
      '2',
      'coach',
      'nee',
    ];
    for (const answer of answers) {
      const replies = await say(USERS.tom, answer);
      expect(replies.length).toBeGreaterThan(0);
    }
    const reflections = await db.query<{ body: string; visibility: string; email: string }>(
      `SELECT r.body, r.visibility, p.email FROM reflections r JOIN people p ON p.id = r.person_id`,
    );
    expect(reflections.rows).toHaveLength(1);
    expect(reflections.rows[0]).toMatchObject({ email: USERS.tom.email, visibility: 'coach' });
    expect(reflections.rows[0]!.body).toContain('Intakegesprek met een nieuwe cliënt.');
    const linked = await db.query<{ code: string }>(
      `SELECT i.code FROM reflection_indicators ri JOIN indicators i ON i.id = ri.indicator_id`,
    );
    expect(linked.rows.map((r) => r.code)).toContain('SW1.3');
    // Every reply went into Tom's own chat; the member was looked up once for the whole conversation.
    expect(new Set(harness.connector.calls.filter((c) => c.kind !== 'member').map((c) => c.conversationId))).toEqual(
      new Set([USERS.tom.conversationId]),
    );
    expect(harness.connector.calls.filter((c) => c.kind === 'member')).toHaveLength(1);
  });

  it('ignores a redelivered activity', async () => {
    await install(USERS.tom);
    const message = harness.activity('message', USERS.tom, { text: 'hulp' });
    await harness.post(message);
    const after = harness.connector.sent().length;
    expect((await harness.post(message)).status).toBe(200);
    expect(harness.connector.sent()).toHaveLength(after);
  });

  it('tells someone who is not on the roster that they are not enrolled, and stores nothing', async () => {
    const before = await snapshotAll(db);
    const replies = await say(USERS.stranger, 'hallo');
    expect(replies).toEqual([expect.objectContaining({ text: t('nl-BE', 'common.notEnrolled') })]);
    const install = await harness.post(harness.activity('installation-add', USERS.stranger));
    expect(install.status).toBe(200);
    expect(await snapshotAll(db)).toEqual(before);
  });

  it('marks the student unreachable on Teams when the app is removed', async () => {
    await install(USERS.tom);
    const res = await harness.post(harness.activity('installation-remove', USERS.tom));
    expect(res.status).toBe(200);
    expect(await identityOf(USERS.tom)).toMatchObject({ reachable: false });
  });

  /** The mentor installs, the feedback card reaches them proactively (as the outbox dispatcher sends it). */
  const deliverFeedbackCard = async (mentor: TeamsUser) => {
    await install(mentor);
    await requestFeedback(db, 'tom');
    await planFeedbackCards(db, silentLogger);
    const identity = (await identityOf(mentor))!;
    const row = (
      await db.query<{ payload: { text: string } }>(`SELECT payload FROM outbox WHERE person_id = $1`, [
        identity.person_id,
      ])
    ).rows[0]!;
    const recipient: Recipient = {
      personId: identity.person_id,
      platform: 'teams',
      tenantId: TENANT,
      userId: mentor.aadObjectId,
      reference: identity.reference,
      locale: 'nl-BE',
    };
    const delivery = await harness.adapter.surface.send(recipient, row.payload as never);
    if (!delivery.ok) throw new Error(`not delivered: ${delivery.reason}`);
    const sent = harness.connector.sent().at(-1) as SentActivity;
    const card = sent.attachments![0]!.content;
    expect(sent.attachments![0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const submit = card.actions!.find((a) => a.verb === 'feedback.submit')!;
    expect(submit).toMatchObject({ type: 'Action.Execute', fallback: { type: 'Action.Submit' } });
    const indicator = (await db.query<{ id: number }>(`SELECT id FROM indicators WHERE code = 'SW1.3'`)).rows[0]!.id;
    const inputs = {
      task: 'Intakegesprek',
      // The request's focus indicator has its own level input.
      [`level_${indicator}`]: '3',
      wentWell: 'Je vatte goed samen.',
      nextStep: 'Vraag ook door naar het netwerk van de cliënt.',
      conversation: 'yes',
    };
    return { messageId: delivery.message.messageId, data: { ...submit.data!, ...inputs } };
  };

  const counts = async () =>
    (
      await db.query<{ assessments: number; feedback: number }>(
        `SELECT (SELECT count(*)::int FROM assessments) AS assessments, (SELECT count(*)::int FROM feedback) AS feedback`,
      )
    ).rows[0]!;

  it('answers a mentor Action.Execute with the read-only card in the invoke response', async () => {
    const { messageId, data } = await deliverFeedbackCard(USERS.jan);
    const invoke = harness.activity('invoke-action', USERS.jan, {
      replyToId: messageId,
      value: {
        action: { type: 'Action.Execute', title: 'Verstuur', verb: 'feedback.submit', data },
        trigger: 'manual',
      },
    });
    const res = await harness.post(invoke);
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: AdaptiveCard };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(body.value).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(isReadOnly(body.value)).toBe(true);
    expect(JSON.stringify(body.value)).toContain('Je vatte goed samen.');
    expect(await counts()).toEqual({ assessments: 1, feedback: 1 });

    // A second click (Teams retries, a double click) changes nothing.
    const again = await harness.post({ ...invoke, id: `f:${crypto.randomUUID()}` });
    expect(again.status).toBe(200);
    expect(await counts()).toEqual({ assessments: 1, feedback: 1 });
  });

  it('handles the Action.Submit fallback as the same action and replaces the card in place', async () => {
    const { messageId, data } = await deliverFeedbackCard(USERS.lien);
    const res = await harness.post(
      harness.activity('submit-fallback', USERS.lien, { replyToId: messageId, value: data }),
    );
    expect(res.status).toBe(200);
    expect(await counts()).toEqual({ assessments: 1, feedback: 1 });
    const update = await harness.connector.waitFor(() => harness.connector.updates()[0]);
    expect(update).toMatchObject({ conversationId: USERS.lien.conversationId, activityId: messageId });
    const card = (update.body as SentActivity).attachments![0]!.content;
    expect(isReadOnly(card)).toBe(true);
  });
});
