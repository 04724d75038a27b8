// users.info, cached in memory per process: the email links a Slack user to a roster person (the core does the
// linking), the locale picks the language of the "not enrolled" App Home. An hour's cache keeps roster and profile
// changes visible without calling Slack for every message (users.info is Tier 4, but every call costs latency).
import type { webApi } from '@slack/bolt';

export interface SlackUserInfo {
  email?: string;
  displayName?: string;
  locale?: string;
  isBot: boolean;
  deleted: boolean;
}

interface Entry {
  info: SlackUserInfo;
  until: number;
}

interface UsersInfoResult {
  user?: {
    is_bot?: boolean;
    deleted?: boolean;
    real_name?: string;
    name?: string;
    locale?: string;
    profile?: { email?: string; display_name?: string; real_name?: string };
  };
}

export interface UserDirectoryOptions {
  client: webApi.WebClient;
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export class UserDirectory {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<SlackUserInfo>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: UserDirectoryOptions) {
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The user's profile; throws what the WebClient throws (the caller decides whether to go on without it). */
  async lookup(userId: string): Promise<SlackUserInfo> {
    const hit = this.entries.get(userId);
    if (hit && hit.until > this.now()) return hit.info;
    // Concurrent messages from one person share one users.info call.
    let call = this.pending.get(userId);
    if (!call) {
      call = this.fetch(userId).finally(() => this.pending.delete(userId));
      this.pending.set(userId, call);
    }
    return call;
  }

  private async fetch(userId: string): Promise<SlackUserInfo> {
    const result = (await this.options.client.users.info({ user: userId, include_locale: true })) as UsersInfoResult;
    const user = result.user ?? {};
    const info: SlackUserInfo = { isBot: user.is_bot === true, deleted: user.deleted === true };
    if (user.profile?.email) info.email = user.profile.email;
    const name = user.profile?.display_name || user.real_name || user.profile?.real_name || user.name;
    if (name) info.displayName = name;
    if (user.locale) info.locale = user.locale;
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(userId, { info, until: this.now() + this.ttlMs });
    return info;
  }
}
