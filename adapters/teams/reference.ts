// The conversation reference stored for proactive messages: what `continueConversationAsync` needs (service
// URL, conversation id, tenant, user ids, bot id) and nothing else — no names, no message text. It comes back
// from the database as untrusted JSON, so it is parsed before use.
import { type ConversationReference, TurnContext } from 'botbuilder';
import { z } from 'zod';

export const storedReference = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.string().url(),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
  }),
  user: z.object({ id: z.string().min(1), aadObjectId: z.string().optional() }).optional(),
  bot: z.object({ id: z.string().min(1) }).optional(),
  locale: z.string().optional(),
});
export type StoredReference = z.infer<typeof storedReference>;

/** What is known about a person who never wrote to the bot: enough to create the 1:1 chat. */
export const partialReference = z.object({
  serviceUrl: z.string().url().optional(),
  user: z.object({ id: z.string().min(1) }).optional(),
});

export function referenceFromContext(context: TurnContext): StoredReference {
  const ref = TurnContext.getConversationReference(context.activity);
  const a = context.activity;
  const tenantId = ref.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } })?.tenant?.id;
  return {
    channelId: ref.channelId ?? a.channelId,
    serviceUrl: ref.serviceUrl ?? a.serviceUrl,
    conversation: {
      id: ref.conversation?.id ?? a.conversation.id,
      ...(ref.conversation?.conversationType ? { conversationType: ref.conversation.conversationType } : {}),
      ...(tenantId ? { tenantId } : {}),
    },
    ...(ref.user?.id
      ? { user: { id: ref.user.id, ...(ref.user.aadObjectId ? { aadObjectId: ref.user.aadObjectId } : {}) } }
      : {}),
    ...(ref.bot?.id ? { bot: { id: ref.bot.id } } : {}),
    ...(ref.locale ? { locale: ref.locale } : {}),
  };
}

/** botbuilder's shape. No activityId: a proactive message starts a new post rather than replying to an old one. */
export function toConversationReference(ref: StoredReference): Partial<ConversationReference> {
  return {
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    conversation: {
      id: ref.conversation.id,
      isGroup: false,
      conversationType: ref.conversation.conversationType ?? 'personal',
      ...(ref.conversation.tenantId ? { tenantId: ref.conversation.tenantId } : {}),
      name: '',
    },
    ...(ref.user
      ? { user: { id: ref.user.id, name: '', ...(ref.user.aadObjectId ? { aadObjectId: ref.user.aadObjectId } : {}) } }
      : {}),
    ...(ref.bot ? { bot: { id: ref.bot.id, name: '' } } : {}),
    ...(ref.locale ? { locale: ref.locale } : {}),
  };
}
