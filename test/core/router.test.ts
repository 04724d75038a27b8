// The core's dispatch from a routes table, with a small table of its own (no database: the handlers only say who
// answered), and the checks made when the bot is created.
import { describe, expect, it } from 'vitest';
import { type ConversationRoute, combineRoutes, conversationRoute, type RouteSet } from '../../bot/core/routes.js';
import { createRouter } from '../../bot/core/router.js';
import { reply, type TurnContext, type TurnResult } from '../../bot/core/turn.js';
import { t } from '../../bot/i18n/index.js';
import { routes as leerkansRoutes } from '../../bot/routes.js';

const said = (who: string): TurnResult => ({ replies: [reply(who)] });
const first = (r: TurnResult) => r.replies[0]?.text;

/** Only what the router reads: the conversation row and the locale (the handlers here touch nothing else). */
const ctxWith = (conversation: { flow: string; step: string; state: unknown } | null): TurnContext =>
  ({
    person: { locale: 'nl-BE', roles: ['student'] },
    conversation: conversation && { ...conversation, person_id: 1, version: 1, updated_at: new Date() },
  }) as unknown as TurnContext;

const beneath = { flow: 'story', step: 'one', state: { n: 1 } };
/** A short question on top of a story: "yes" answers it; anything else goes on as if it had not been asked. */
const question: ConversationRoute = conversationRoute(
  'question',
  (s) => (typeof s === 'object' && s !== null ? s : null),
  () => ({
    question: { previous: beneath },
    answer: async (ctx, text, route) =>
      text === 'yes' ? said('question') : route({ ...ctx, conversation: { ...ctx.conversation!, ...beneath } }, text),
  }),
);
const story: ConversationRoute = conversationRoute(
  'story',
  (s) => s,
  () => ({ answer: async (ctx, text) => said(`story:${ctx.conversation?.flow}:${text}`) }),
);

const table = (extra: RouteSet = {}) =>
  combineRoutes(
    [
      {
        actions: [
          { verb: 'a.one', handle: async (_c, action) => said(`one:${JSON.stringify(action.data)}`) },
          { prefix: 'b.', handle: async (_c, action) => said(`family:${action.verb}`) },
        ],
        conversations: [question, story],
        guards: [async (_c, text) => (text === 'danger' ? said('guard') : null)],
        openers: [async (_c, text) => (text === 'long' ? said('opener') : null)],
      },
      extra,
    ],
    {
      chatWord: (text) => (text === 'help' ? async (ctx) => said(`word:${ctx.conversation?.flow ?? 'none'}`) : null),
      hint: () => said('hint'),
      home: async () => {
        throw new Error('not used');
      },
    },
  );

describe('the core router', () => {
  it('dispatches text: chat word, short question, guards, conversation, openers, hint', async () => {
    const router = createRouter(table());
    expect(first(await router.text(ctxWith(null), 'help'))).toBe('word:none');
    expect(first(await router.text(ctxWith(null), 'danger'))).toBe('guard');
    expect(first(await router.text(ctxWith(null), 'long'))).toBe('opener');
    expect(first(await router.text(ctxWith(null), 'hello'))).toBe('hint');
    const inStory = ctxWith({ flow: 'story', step: 'one', state: {} });
    expect(first(await router.text(inStory, 'help'))).toBe('word:story');
    expect(first(await router.text(inStory, 'danger'))).toBe('guard');
    expect(first(await router.text(inStory, 'hello'))).toBe('story:story:hello');
    // Nothing visible in it: the conversation gets an empty answer.
    expect(first(await router.text(inStory, '\u200b'))).toBe('story:story:');
  });

  it('answers a short question before the guards; a chat word lets it lapse onto the conversation beneath', async () => {
    const router = createRouter(table());
    const asked = ctxWith({ flow: 'question', step: 'ask', state: { previous: null } });
    expect(first(await router.text(asked, 'yes'))).toBe('question');
    // Not an answer: the question hands the text on past the guards to the conversation underneath it.
    expect(first(await router.text(asked, 'danger'))).toBe('story:story:danger');
    const word = await router.text(asked, 'help');
    expect(first(word)).toBe('word:story');
    expect(word.conversation).toEqual({ flow: 'story', step: 'one', state: { n: 1 } });
  });

  it('treats a row of an unknown flow, or a state that no longer fits, as no conversation', async () => {
    const router = createRouter(table());
    expect(first(await router.text(ctxWith({ flow: 'gone', step: 'x', state: {} }), 'hello'))).toBe('hint');
    expect(first(await router.text(ctxWith({ flow: 'question', step: 'x', state: 'broken' }), 'yes'))).toBe('hint');
  });

  it('routes card verbs exactly or by prefix, and refuses an unknown verb storing nothing', async () => {
    const router = createRouter(table());
    const ctx = ctxWith(null);
    expect(first(await router.action(ctx, { verb: 'a.one', data: { x: 1 }, inputs: {} }))).toBe('one:{"x":1}');
    expect(first(await router.action(ctx, { verb: 'b.two', data: {}, inputs: {} }))).toBe('family:b.two');
    const unknown = await router.action(ctx, { verb: 'a.none', data: {}, inputs: {} });
    expect(unknown).toEqual({ replies: [reply(t('nl-BE', 'action.unknown'))], record: false });
  });

  it('refuses a table that routes a verb or a flow twice, or a verb under a prefix', () => {
    const handle = async () => said('x');
    expect(() => createRouter(table({ actions: [{ verb: 'a.one', handle }] }))).toThrow(/a\.one is routed twice/);
    expect(() => createRouter(table({ actions: [{ verb: 'b.three', handle }] }))).toThrow(/b\.three falls under/);
    expect(() => createRouter(table({ actions: [{ prefix: 'b.x', handle }] }))).toThrow(/overlap/);
    expect(() => createRouter(table({ conversations: [story] }))).toThrow(/story is routed twice/);
  });

  it("accepts Leerkans's own table", () => {
    expect(() => createRouter(leerkansRoutes)).not.toThrow();
    expect(leerkansRoutes.actions.length).toBeGreaterThan(20);
  });
});
