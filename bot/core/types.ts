// The seam between the core and every surface (slack, teams, web). Adapters speak only these types.
import type { CardSpec } from '../../cards/spec.js';

export type Platform = 'slack' | 'teams' | 'web';

/** Who sent an event, as the platform names them. `userId` is the platform's stable user id. */
export interface PlatformIdentity {
  platform: Platform;
  /** Slack team id, Teams tenant id; `local` for the playground. */
  tenantId: string;
  userId: string;
  /** Filled by the adapter when the platform told it (Slack users.info, Teams getMember). */
  email?: string;
  displayName?: string;
}

/** Where a message that the bot sent lives, so it can be replaced later (card update). */
export interface MessageRef {
  platform: Platform;
  channelId: string;
  messageId: string;
}

export type Inbound =
  | { kind: 'text'; from: PlatformIdentity; text: string; key: string }
  | {
      kind: 'action';
      from: PlatformIdentity;
      verb: string;
      data: unknown;
      inputs: Record<string, string>;
      message?: MessageRef;
      key: string;
    }
  | { kind: 'installed' | 'uninstalled'; from: PlatformIdentity; reference: unknown; key: string };

export interface Outbound {
  /** Always set: the message itself, or the fallback for clients that show no card. */
  text: string;
  card?: CardSpec;
  replaces?: MessageRef;
}

export type Delivery =
  | { ok: true; message: MessageRef }
  | { ok: false; terminal?: false; retryAfterMs: number; reason: string }
  | { ok: false; terminal: true; reason: string };

/** A person reachable on one platform: the stored identity plus whatever the adapter needs to reach them. */
export interface Recipient {
  personId: number;
  platform: Platform;
  tenantId: string;
  userId: string;
  /** Opaque per-platform reference (Slack DM channel id, Teams conversation reference). */
  reference: unknown;
  locale: string;
}

export interface Surface {
  readonly platform: Platform;
  send(to: Recipient, out: Outbound): Promise<Delivery>;
}
