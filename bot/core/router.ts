// Where an inbound text or card action goes, from the routes table (routes.ts): a chat word, the short question or
// flow in progress, the guards, an opener, or a hint; a card verb to the handler its flow declared.
import { t } from '../i18n/index.js';
import type {
  ActionHandler,
  CardAction,
  ConversationRoute,
  OpenConversation,
  Routes,
  StoredConversation,
} from './routes.js';
import { isBlank } from './text.js';
import { type ConversationChange, refusal, type TurnContext, type TurnResult } from './turn.js';

export interface Router {
  /** `text` is already cleaned (cleanText). */
  text(ctx: TurnContext, text: string): Promise<TurnResult>;
  /** Card actions, routed by verb. Data and inputs are untrusted; refusals store nothing. */
  action(ctx: TurnContext, action: CardAction): Promise<TurnResult>;
}

/** Checks the table once, when the bot is created: a verb or a flow claimed twice is a programming error. */
export function createRouter(routes: Routes): Router {
  const verbs = new Map<string, ActionHandler>();
  const prefixes: { prefix: string; handle: ActionHandler }[] = [];
  for (const route of routes.actions) {
    if ('verb' in route) {
      if (verbs.has(route.verb)) throw new Error(`card verb ${route.verb} is routed twice`);
      verbs.set(route.verb, route.handle);
    } else {
      prefixes.push(route);
    }
  }
  for (const [i, { prefix }] of prefixes.entries()) {
    const verb = [...verbs.keys()].find((v) => v.startsWith(prefix));
    if (verb) throw new Error(`card verb ${verb} falls under the verb prefix ${prefix} too`);
    const other = prefixes.find((p, j) => j !== i && p.prefix.startsWith(prefix));
    if (other) throw new Error(`verb prefixes ${prefix} and ${other.prefix} overlap`);
  }
  const flows = new Map<string, ConversationRoute>();
  for (const route of routes.conversations) {
    if (flows.has(route.flow)) throw new Error(`conversation flow ${route.flow} is routed twice`);
    flows.set(route.flow, route);
  }

  /** The conversation in progress; a row of an unknown flow or with a state that no longer fits counts as none. */
  const open = (ctx: TurnContext): OpenConversation | null => {
    const row = ctx.conversation;
    return row ? (flows.get(row.flow)?.open(row.state) ?? null) : null;
  };

  /** The row a lapsed question leaves: the conversation underneath it, on the same stored row (its version). */
  const underneath = (ctx: TurnContext, previous: StoredConversation | null): TurnContext['conversation'] => {
    const row = ctx.conversation;
    if (!row || !previous) return null;
    return { ...row, flow: previous.flow, step: previous.step, state: previous.state };
  };
  const restore = (previous: StoredConversation | null): ConversationChange =>
    previous ? { flow: previous.flow, step: previous.step, state: previous.state } : null;

  async function routeText(ctx: TurnContext, text: string): Promise<TurnResult> {
    const word = routes.chatWord(text);
    const active = open(ctx);
    const question = active?.question;
    if (word) {
      if (!question) return word(ctx);
      // A command instead of an answer to a short question: the question lapses and the command runs on the
      // conversation underneath (a paused reflection stays paused, not replaced).
      const result = await word({ ...ctx, conversation: underneath(ctx, question.previous) });
      return {
        ...result,
        conversation: result.conversation === undefined ? restore(question.previous) : result.conversation,
      };
    }
    if (active && question) return active.answer(ctx, text, routeChecked);
    // Before anything else (a student in distress gets a person to talk to, not the next question).
    for (const guard of routes.guards) {
      const result = await guard(ctx, text);
      if (result) return result;
    }
    return routeChecked(ctx, text);
  }

  /** Routes text that passed the guards (or that a short question handed on). */
  async function routeChecked(ctx: TurnContext, raw: string): Promise<TurnResult> {
    const active = open(ctx);
    // A message with nothing visible in it (a zero-width space, a lone variation selector) is no answer.
    const text = isBlank(raw) ? '' : raw;
    if (active && !active.question) return active.answer(ctx, text, routeChecked);
    for (const opener of routes.openers) {
      const result = await opener(ctx, text);
      if (result) return result;
    }
    return routes.hint(ctx);
  }

  return {
    text: routeText,
    async action(ctx, action) {
      const handle = verbs.get(action.verb) ?? prefixes.find((p) => action.verb.startsWith(p.prefix))?.handle;
      if (!handle) return refusal(t(ctx.person.locale, 'action.unknown'));
      return handle(ctx, action, routeChecked);
    },
  };
}
