// Message activities in the personal chat: the text (without the bot's @mention) goes to the core as it is;
// the core recognises the chat words (reflectie, hulp, …) and the answers in a flow.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { deliverReplies, eventKey, handleInbound, isPersonal, senderOf, type TurnDeps } from '../turn.js';

/** Teams wraps mentions as `<at>Name</at>`; teams-ai removes the bot's own, this catches any left over. */
export function cleanText(text: string | undefined): string {
  return (text ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function registerMessageRoutes(app: Application, deps: TurnDeps): void {
  app.activity(ActivityTypes.Message, async (context: TurnContext) => {
    if (!isPersonal(context)) {
      deps.logger.debug({ event: 'teams.ignored', scope: context.activity.conversation?.conversationType }, 'not 1:1');
      return;
    }
    const text = cleanText(context.activity.text);
    // An image, a file or a bare mention: nothing the core can read.
    if (!text) return;
    const from = await senderOf(context, deps);
    const outs = await handleInbound(context, deps, { kind: 'text', from, text, key: eventKey(context) });
    await deliverReplies(context, deps, outs, from);
    await deps.references.remember(context, from, deps.bot, deps.logger);
  });
}
