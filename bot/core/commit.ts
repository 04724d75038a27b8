// Applies a turn's result in one transaction: the event key, the identity link, the conversation (guarded by
// its version) and the turn's writes. Either all of it is stored or none of it.
import type { Db } from '../../db/db.js';
import { deleteConversation, insertConversation, updateConversation } from '../../db/queries/conversations.js';
import { markEventProcessed } from '../../db/queries/events.js';
import { linkIdentity } from '../../db/queries/identities.js';
import { ConversationConflictError, DuplicateEventError } from './errors.js';
import type { Sender } from './identity.js';
import type { TurnContext, TurnResult } from './turn.js';
import type { PlatformIdentity } from './types.js';

export async function commitTurn(
  db: Db,
  input: {
    key: string;
    from: PlatformIdentity;
    sender: Sender;
    ctx: TurnContext;
    result: TurnResult;
    reference?: unknown;
  },
): Promise<void> {
  const { ctx, result } = input;
  const personId = ctx.person.id;
  await db.transaction(async (tx) => {
    if (!(await markEventProcessed(tx, input.key, ctx.now, personId))) throw new DuplicateEventError(input.key);
    if (input.sender.link) await linkIdentity(tx, personId, input.from, input.reference ?? null);
    const change = result.conversation;
    if (change !== undefined) {
      const stored = ctx.conversation;
      let ok = true;
      if (stored && change) ok = await updateConversation(tx, personId, stored.version, change);
      else if (stored) ok = await deleteConversation(tx, personId, stored.version);
      else if (change) ok = await insertConversation(tx, personId, change);
      if (!ok) throw new ConversationConflictError(`conversation of person ${personId} changed`);
    }
    for (const write of result.writes ?? []) await write(tx);
  });
}
