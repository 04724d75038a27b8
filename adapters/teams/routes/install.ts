// Install and uninstall. In personal scope Teams sends both an `installationUpdate` (add/remove) and a
// `conversationUpdate` (the bot in membersAdded/membersRemoved). Only `installationUpdate` becomes the core's
// installed/uninstalled event there, so the welcome is sent once; the conversationUpdate still stores the
// reference. The Emulator and other channels send only conversationUpdate, which then stands in for it.
import type { TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import type { Inbound } from '../../../bot/core/types.js';
import { identityOf } from '../identity.js';
import { referenceFromContext } from '../reference.js';
import { deliverReplies, eventKey, handleInbound, isPersonal, senderOf, type TurnDeps } from '../turn.js';

const TEAMS = 'msteams';

async function installed(context: TurnContext, deps: TurnDeps): Promise<void> {
  const from = await senderOf(context, deps);
  const reference = referenceFromContext(context);
  const inbound: Inbound = { kind: 'installed', from, reference, key: eventKey(context) };
  const outs = await handleInbound(context, deps, inbound);
  await deliverReplies(context, deps, outs, from);
  // The core may have linked the identity just now; storing again is idempotent.
  deps.references.forget(from);
  await deps.references.remember(context, from, deps.bot, deps.logger);
}

async function uninstalled(context: TurnContext, deps: TurnDeps): Promise<void> {
  // No member look-up: the bot is no longer in the roster, and the identity is already linked if it matters.
  const from = identityOf(context);
  const inbound: Inbound = {
    kind: 'uninstalled',
    from,
    reference: referenceFromContext(context),
    key: eventKey(context),
  };
  await handleInbound(context, deps, inbound);
  deps.references.forget(from);
  deps.members.forget(context);
}

const botIsIn = (context: TurnContext, members: { id: string }[] | undefined): boolean =>
  (members ?? []).some((m) => m.id === context.activity.recipient?.id);

export function registerInstallRoutes(app: Application, deps: TurnDeps): void {
  app.activity('installationUpdate', async (context: TurnContext) => {
    if (!isPersonal(context)) return;
    const action = context.activity.action ?? '';
    if (action === 'add') await installed(context, deps);
    else if (action === 'remove') await uninstalled(context, deps);
    else if (action === 'add-upgrade') {
      // An app update: no welcome, but the reference may have a new service URL.
      const from = await senderOf(context, deps);
      deps.references.forget(from);
      await deps.references.remember(context, from, deps.bot, deps.logger);
    }
  });

  app.conversationUpdate('membersAdded', async (context: TurnContext) => {
    if (!isPersonal(context) || !botIsIn(context, context.activity.membersAdded)) return;
    if (context.activity.channelId !== TEAMS) {
      await installed(context, deps);
      return;
    }
    const from = await senderOf(context, deps);
    deps.references.forget(from);
    await deps.references.remember(context, from, deps.bot, deps.logger);
  });

  app.conversationUpdate('membersRemoved', async (context: TurnContext) => {
    if (!isPersonal(context) || !botIsIn(context, context.activity.membersRemoved)) return;
    if (context.activity.channelId !== TEAMS) await uninstalled(context, deps);
  });
}
