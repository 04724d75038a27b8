// The playground's message store and live streams, per person (keyed by lower-cased email).
// Every message a person sees is kept in a small bounded log: a browser that connects later (or reloads,
// or switches person and back) gets the log replayed, so a proactive message sent while no tab was open is
// delivered on the next connect. A card update replaces its entry in place, as Teams updates an activity.
import type { ServerResponse } from 'node:http';
import type { AdaptiveCardJson } from '../../cards/adaptive.js';

export interface PlaygroundEntry {
  /** The bot's message id (a uuid), or the client's idempotency key for what the person wrote. */
  id: string;
  from: 'person' | 'bot';
  text: string;
  /** The Adaptive Card JSON exactly as Teams would get it. */
  card?: AdaptiveCardJson;
  /** ISO time the message was first sent. */
  at: string;
  /** ISO time of the last in-place update (card replaced). */
  updatedAt?: string;
}

interface Channel {
  entries: PlaygroundEntry[];
  streams: Set<ServerResponse>;
}

export interface HubOptions {
  /** Messages kept per person; the oldest go first. */
  maxEntries?: number;
  /** People tracked at once; the least recently used channel without an open stream goes first. */
  maxChannels?: number;
  /** Comment line sent to every stream this often, so proxies and browsers keep it open. */
  heartbeatMs?: number;
}

export class PlaygroundHub {
  private readonly channels = new Map<string, Channel>();
  private readonly maxEntries: number;
  private readonly maxChannels: number;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(options: HubOptions = {}) {
    this.maxEntries = options.maxEntries ?? 200;
    this.maxChannels = options.maxChannels ?? 500;
    this.heartbeat = setInterval(() => this.broadcastComment('ping'), options.heartbeatMs ?? 20_000);
    this.heartbeat.unref();
  }

  /** Opens a Server-Sent Events stream for one person and replays what they have not seen yet. */
  connect(person: string, res: ServerResponse): void {
    const channel = this.channel(person);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // The browser reconnects on its own after a drop; the replay starts with `reset` so nothing doubles.
    res.write('retry: 2000\n\n');
    write(res, 'reset', {});
    for (const entry of channel.entries) write(res, 'message', entry);
    channel.streams.add(res);
    res.on('close', () => channel.streams.delete(res));
  }

  /** Adds a message, or replaces the entry with the same id in place. Returns whether a stream was open. */
  upsert(person: string, entry: PlaygroundEntry): boolean {
    const channel = this.channel(person);
    const index = channel.entries.findIndex((e) => e.id === entry.id);
    if (index >= 0) channel.entries[index] = entry;
    else {
      channel.entries.push(entry);
      if (channel.entries.length > this.maxEntries) channel.entries.splice(0, channel.entries.length - this.maxEntries);
    }
    for (const res of channel.streams) write(res, 'message', entry);
    return channel.streams.size > 0;
  }

  find(person: string, id: string): PlaygroundEntry | undefined {
    return this.channels.get(key(person))?.entries.find((e) => e.id === id);
  }

  entries(person: string): readonly PlaygroundEntry[] {
    return this.channels.get(key(person))?.entries ?? [];
  }

  isConnected(person: string): boolean {
    return (this.channels.get(key(person))?.streams.size ?? 0) > 0;
  }

  /** Ends every open stream (before the HTTP server drains, which would otherwise wait for them). */
  close(): void {
    clearInterval(this.heartbeat);
    for (const channel of this.channels.values()) {
      for (const res of channel.streams) res.end();
      channel.streams.clear();
    }
  }

  private channel(person: string): Channel {
    const k = key(person);
    let channel = this.channels.get(k);
    if (channel) {
      // Map order doubles as recency order for eviction.
      this.channels.delete(k);
      this.channels.set(k, channel);
      return channel;
    }
    channel = { entries: [], streams: new Set() };
    this.channels.set(k, channel);
    if (this.channels.size > this.maxChannels) {
      for (const [other, c] of this.channels) {
        if (this.channels.size <= this.maxChannels) break;
        if (other !== k && c.streams.size === 0) this.channels.delete(other);
      }
    }
    return channel;
  }

  private broadcastComment(comment: string): void {
    for (const channel of this.channels.values()) for (const res of channel.streams) res.write(`: ${comment}\n\n`);
  }
}

const key = (person: string) => person.trim().toLowerCase();

// JSON.stringify escapes newlines, so one `data:` line always carries the whole event.
function write(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
