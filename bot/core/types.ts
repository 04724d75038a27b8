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

/**
 * What a failed delivery is about. Each adapter sets it from its platform's error table; the outbox dispatcher
 * switches on it (docs/architecture.md, "The seam between the core and a surface"):
 * - `recipient`: this person cannot be reached this way (blocked the bot, uninstalled it, left, the chat is gone).
 *   The message fails and the identity is marked unreachable until the person reaches the bot again.
 * - `message`: this one message was refused (too large, a card the platform rejects). The message fails; the
 *   person stays reachable.
 * - `app`: the installation is broken (token revoked, credentials refused, bot disabled by an admin, a wrong API
 *   URL). The message fails and an error is logged for the admin; the person stays reachable.
 * - `transient`: try again later (rate limit, 5xx, network, anything unexpected).
 */
export type DeliveryScope = 'recipient' | 'message' | 'app' | 'transient';

export type DeliveryFailure =
  | {
      ok: false;
      scope: 'transient';
      /** How long to wait, when the platform said (Retry-After) or the adapter's table knows; else the outbox's backoff. */
      retryAfterMs?: number;
      /** The platform throttles the app (429): the outbox holds every send to that workspace or tenant meanwhile. */
      throttled?: boolean;
      /** For logs and the outbox row only: nothing decides on its words. */
      reason: string;
    }
  | { ok: false; scope: Exclude<DeliveryScope, 'transient'>; reason: string };

export type Delivery = { ok: true; message: MessageRef } | DeliveryFailure;

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
