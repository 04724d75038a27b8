// The routes table: what the core dispatches a turn to. Flows and commands declare their own card verbs, chat
// words and conversations (a `RouteSet` next to their handlers); `bot/routes.ts` gathers them and the composition
// root hands the table to `createBot`, so the core imports no flow and adding a button never edits the core.
// See docs/architecture.md ("Where to add…").
import type { CardSpec } from '../../cards/spec.js';
import type { Queryable } from '../../db/db.js';
import type { PersonRow } from '../../db/queries/people.js';
import type { TurnContext, TurnResult } from './turn.js';
import type { MessageRef } from './types.js';

/** A pressed card button as its handler sees it. `data` and `inputs` come from the client: untrusted. */
export interface CardAction {
  verb: string;
  data: unknown;
  inputs: Record<string, string>;
  message?: MessageRef | undefined;
}

/**
 * Handles text past the guards (the wellbeing check), as if no short question were open: a question that was
 * answered with something else hands the waiting message on through this.
 */
export type RouteText = (ctx: TurnContext, text: string) => Promise<TurnResult>;

export type ActionHandler = (ctx: TurnContext, action: CardAction, route: RouteText) => Promise<TurnResult>;

/** One verb, or every verb that starts with `prefix` (a family of buttons one handler reads, e.g. `admin.`). */
export type ActionRoute = { verb: string; handle: ActionHandler } | { prefix: string; handle: ActionHandler };

/** Takes the text (a result) or passes it on (null). */
export type TextHandler = (ctx: TurnContext, text: string) => Promise<TurnResult | null>;

/** A chat word, parsed and ready to run. */
export type ChatWord = (ctx: TurnContext) => Promise<TurnResult>;

/** A conversation row's content, as a flow keeps the one underneath it (zod reads `state: unknown` as optional). */
export interface StoredConversation {
  flow: string;
  step: string;
  state?: unknown;
}

/** A stored conversation whose state fits its flow's schema. */
export interface OpenConversation {
  /** The person's next message while this conversation is open. */
  answer(ctx: TurnContext, text: string, route: RouteText): Promise<TurnResult>;
  /**
   * Set for a short question (yes or no) kept on top of another conversation (`previous`). It is answered before
   * the guards run; a chat word instead of an answer lets it lapse: the word runs on `previous`, which comes back
   * unless the word changes the conversation itself.
   */
  question?: { previous: StoredConversation | null };
}

export interface ConversationRoute {
  /** `conversations.flow` of the flow's rows. */
  flow: string;
  /** The stored state, checked; null when it no longer fits (it then counts as no conversation). */
  open(state: unknown): OpenConversation | null;
}

/** What one flow or command module declares. */
export interface RouteSet {
  actions?: readonly ActionRoute[];
  conversations?: readonly ConversationRoute[];
  /** Every message outside a short question passes these first, in order (the wellbeing check). */
  guards?: readonly TextHandler[];
  /** Text outside any conversation, in order (the answer to a nudge, a story that starts a reflection). */
  openers?: readonly TextHandler[];
}

export interface Routes extends Required<RouteSet> {
  /** The chat word a whole message is, or null for ordinary text (an answer, a story). */
  chatWord(text: string): ChatWord | null;
  /** Text nothing else took: what one can type. */
  hint(ctx: TurnContext): TurnResult;
  /** The person's overview card (Slack's App Home). */
  home(db: Queryable, person: PersonRow): Promise<CardSpec>;
}

/** A conversation route from the flow's own state parser. */
export function conversationRoute<S>(
  flow: string,
  parse: (state: unknown) => S | null,
  open: (state: S) => OpenConversation,
): ConversationRoute {
  return {
    flow,
    open(value) {
      const state = parse(value);
      return state === null ? null : open(state);
    },
  };
}

/** The route sets in order (their guards and openers run in this order) with the parts only one module gives. */
export function combineRoutes(sets: readonly RouteSet[], rest: Pick<Routes, 'chatWord' | 'hint' | 'home'>): Routes {
  return {
    actions: sets.flatMap((s) => s.actions ?? []),
    conversations: sets.flatMap((s) => s.conversations ?? []),
    guards: sets.flatMap((s) => s.guards ?? []),
    openers: sets.flatMap((s) => s.openers ?? []),
    ...rest,
  };
}
