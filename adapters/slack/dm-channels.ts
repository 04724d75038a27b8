// Where a person's DM with the bot is. conversations.open once per person (Tier 3), then the channel id is kept
// in memory and handed to the core (`saveReference`), which stores it in the database for proactive sends after a
// restart or from another instance.
import type { webApi } from '@slack/bolt';
import type { Bot } from '../../bot/core/bot.js';
import type { PlatformIdentity } from '../../bot/core/types.js';
import { setBounded } from '../../bot/core/bounded.js';
import { type Logger, silentLogger } from '../../bot/log/logger.js';

/** Entries kept in this per-process cache; the database has them all. */
const MAX_CACHED = 50_000;

/** What `saveReference` stores for Slack and what `Recipient.reference` gives back. */
export interface SlackReference {
  channelId: string;
}

export function channelFromReference(reference: unknown): string | undefined {
  if (typeof reference !== 'object' || reference === null) return undefined;
  const channelId = (reference as Partial<SlackReference>).channelId;
  return typeof channelId === 'string' && channelId !== '' ? channelId : undefined;
}

/**
 * How long a stored reference is trusted before it is stored again. `saveReference` is a no-op for someone not yet
 * on the roster, so a person added later gets their reference stored within this time (and at the first proactive
 * send, which reopens the DM), while a busy conversation costs at most one write per person per period.
 */
export const RESAVE_AFTER_MS = 10 * 60 * 1000;

export class DmChannels {
  private readonly channels = new Map<string, string>();
  /** `tenant:user:channel` → when it was last handed to the core. */
  private readonly saved = new Map<string, number>();
  private readonly opening = new Map<string, Promise<string>>();

  constructor(
    private readonly bot: Bot,
    private readonly now: () => number = Date.now,
    private readonly log: Logger = silentLogger,
  ) {}

  /** The DM channel with this person, opening it when this process does not know it yet. */
  async open(client: webApi.WebClient, who: PlatformIdentity): Promise<string> {
    const known = this.channels.get(who.userId);
    if (known) return known;
    let call = this.opening.get(who.userId);
    if (!call) {
      call = (async () => {
        const result = (await client.conversations.open({ users: who.userId, return_im: false })) as {
          channel?: { id?: string };
        };
        const channelId = result.channel?.id;
        if (!channelId) throw new Error('conversations.open returned no channel id');
        await this.remember(who, channelId);
        return channelId;
      })().finally(() => this.opening.delete(who.userId));
      this.opening.set(who.userId, call);
    }
    return call;
  }

  /**
   * Notes the DM channel a person wrote from and hands it to the core. Call it after `bot.handle`, which links the
   * identity on first contact (before that, the core ignores it).
   */
  async remember(who: PlatformIdentity, channelId: string): Promise<void> {
    setBounded(this.channels, who.userId, channelId, MAX_CACHED);
    const token = `${who.tenantId}:${who.userId}:${channelId}`;
    const at = this.saved.get(token);
    if (at !== undefined && this.now() - at < RESAVE_AFTER_MS) return;
    try {
      await this.bot.saveReference(who, { channelId } satisfies SlackReference);
    } catch (error) {
      // The reply waiting behind this must still go out; the channel is stored at a later message.
      this.log.warn({ event: 'slack.save_reference_failed', err: error }, 'could not store the DM channel');
      return;
    }
    this.saved.delete(token);
    setBounded(this.saved, token, this.now(), MAX_CACHED);
    if (this.saved.size > 50_000) this.saved.delete(this.saved.keys().next().value!);
  }

  /** Drops a channel Slack no longer knows (e.g. after a workspace migration), so the next send reopens it. */
  forget(userId: string): void {
    const channelId = this.channels.get(userId);
    this.channels.delete(userId);
    if (!channelId) return;
    for (const token of [...this.saved.keys()]) if (token.endsWith(`:${userId}:${channelId}`)) this.saved.delete(token);
  }
}
