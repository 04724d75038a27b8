// Card buttons. `Action.Execute` arrives as an `adaptiveCard/action` invoke that must be answered in the same
// HTTP response, quickly, with the card that replaces the clicked one (the read-only "thank you" card) or a
// short message. Clients without Universal Actions run the `Action.Submit` fallback instead: a message
// activity whose `value` carries the same data, answered with ordinary messages and an in-place update.
// Card data comes back merged with the input values and is untrusted: the core re-checks everything.
import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard, Application } from '@microsoft/teams-ai';
import type { Inbound, Outbound, PlatformIdentity } from '../../../bot/core/types.js';
import { t } from '../../../bot/i18n/index.js';
import { PLATFORM } from '../identity.js';
import { renderCard } from '../render.js';
import { deliverReplies, eventKey, handleInbound, isPersonal, senderOf, type TurnDeps } from '../turn.js';

const MAX_FIELDS = 100;
const MAX_VALUE_CHARS = 10_000;

type Data = Record<string, unknown>;

const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The core's action event from the card's merged data: `data` without the verb, every field also as a string. */
export function actionInbound(
  context: TurnContext,
  from: PlatformIdentity,
  verb: string,
  raw: Data,
): Extract<Inbound, { kind: 'action' }> {
  const data: Data = {};
  const inputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw).slice(0, MAX_FIELDS + 1)) {
    if (key === 'verb' || key === 'msteams') continue;
    data[key] = value;
    const asText = typeof value === 'string' ? value : JSON.stringify(value);
    inputs[key] = (asText ?? '').slice(0, MAX_VALUE_CHARS);
  }
  const a = context.activity;
  return {
    kind: 'action',
    from,
    verb,
    data,
    inputs,
    key: eventKey(context),
    ...(a.replyToId ? { message: { platform: PLATFORM, channelId: a.conversation.id, messageId: a.replyToId } } : {}),
  };
}

// Only what teams-ai's actionExecute accepts: it throws (a 500) on any other `action`, e.g. a list or a forged
// type; such an invoke stays unrouted and is answered 501 like any invoke the bot does not implement.
const executeSelector = async (context: TurnContext): Promise<boolean> => {
  const a = context.activity;
  if (a.type !== 'invoke' || a.name !== 'adaptiveCard/action' || !isObject(a.value)) return false;
  const action = a.value.action;
  return isObject(action) && action.type === 'Action.Execute';
};

const submitSelector = async (context: TurnContext): Promise<boolean> => {
  const a = context.activity;
  return a.type === 'message' && !a.text && isObject(a.value) && typeof a.value.verb === 'string';
};

/** The reply that replaces the clicked card, if the core sent one. */
export function replacingCard(outs: readonly Outbound[], replyToId: string | undefined): Outbound | undefined {
  return outs.find((o) => o.card && o.replaces && (!replyToId || o.replaces.messageId === replyToId));
}

export function registerCardActionRoutes(app: Application, deps: TurnDeps): void {
  app.adaptiveCards.actionExecute(executeSelector, async (context: TurnContext): Promise<AdaptiveCard | string> => {
    const action = (context.activity.value as Data).action as Data;
    const verb = typeof action.verb === 'string' ? action.verb : '';
    const raw = isObject(action.data) ? action.data : {};
    // Teams shows the message under the card; nothing is stored. A missing verb is a card we never sent (forged
    // or broken), not a failure on our side.
    if (!isPersonal(context)) return t(context.activity.locale, 'common.error');
    if (!verb) return t(context.activity.locale, 'action.unknown');
    const from = await senderOf(context, deps);
    const outs = await handleInbound(context, deps, actionInbound(context, from, verb, raw));
    const replacing = replacingCard(outs, context.activity.replyToId);
    const others = outs.filter((o) => o !== replacing);
    // Anything besides the replacing card is posted into the chat before the invoke is answered.
    await deliverReplies(context, deps, others, from);
    void deps.references.remember(context, from, deps.bot, deps.logger);
    const card = replacing ? renderCard(replacing, deps.logger) : undefined;
    if (card) return card as unknown as AdaptiveCard;
    return replacing?.text ?? others[0]?.text ?? '✓';
  });

  app.adaptiveCards.actionSubmit(submitSelector, async (context: TurnContext, _state, value: Data) => {
    if (!isPersonal(context)) return;
    const from = await senderOf(context, deps);
    const outs = await handleInbound(context, deps, actionInbound(context, from, String(value.verb), value));
    // Without Universal Actions the replacing card is an ordinary update of the card message.
    const replyToId = context.activity.replyToId;
    const replacing = replacingCard(outs, replyToId);
    const adjusted = outs.map(
      (o): Outbound =>
        o === replacing && replyToId
          ? {
              ...o,
              replaces: { platform: PLATFORM, channelId: context.activity.conversation.id, messageId: replyToId },
            }
          : o,
    );
    await deliverReplies(context, deps, adjusted, from);
    await deps.references.remember(context, from, deps.bot, deps.logger);
  });
}
