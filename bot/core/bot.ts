// The core as every surface sees it. Adapters turn platform events into `Inbound`, call `handle`, and render
// the returned `Outbound`s; messages for other people (a mentor's card, a nudge) go through the outbox and
// reach them through their own surface's `send`.
import type { Db } from '../../db/db.js';
import type { LlmAssistant } from '../llm/client.js';
import type { Logger } from '../log/logger.js';
import type { CardSpec } from '../../cards/spec.js';
import type { Routes } from './routes.js';
import type { Inbound, Outbound, Platform, PlatformIdentity, Recipient } from './types.js';

export interface BotSettings {
  /** Locale for people the roster gives none (LEERKANS_LOCALE). */
  defaultLocale: string;
  /** IANA zone for dates when the person has none (LEERKANS_TIMEZONE). */
  defaultTimeZone: string;
  /** Shown with the coach's name when a message signals a wellbeing risk (LEERKANS_HELPLINE). */
  helpline: string;
  /**
   * Where GET /charts/… and /export/… are served (PUBLIC_URL or the local server); without it views show no chart
   * and "my data" gives no download link.
   */
  chartBaseUrl?: string;
  /** Days a paused reflection is kept (LEERKANS_RETAIN_CONVERSATIONS_DAYS), told to the student when it pauses. */
  draftRetentionDays?: number;
}

export interface BotDependencies {
  db: Db;
  assistant: LlmAssistant;
  logger: Logger;
  settings: BotSettings;
  /** Card verbs, chat words and conversations of the flows (bot/routes.ts): the core imports no flow itself. */
  routes: Routes;
  /** Injectable clock for tests; defaults to the system clock. */
  now?: () => Date;
}

/** A roster entry as a surface may show it (the playground's person picker, an admin list). */
export interface DirectoryEntry {
  personId: number;
  name: string;
  email: string;
  roles: string[];
  locale: string;
}

export interface OutboxMessage {
  outboxId: number;
  recipient: Recipient;
  message: Outbound;
}

export interface Bot {
  /** Handles one inbound event; returns the replies for the sender (empty for a repeated idempotency key). */
  handle(inbound: Inbound): Promise<Outbound[]>;
  /** Roster entries, for surfaces that let a person pick who they are (the playground) or list people. */
  directory(): Promise<DirectoryEntry[]>;
  /**
   * Stores what a proactive send to this identity needs (Slack DM channel id, Teams conversation reference)
   * and marks it reachable. A no-op for an identity that is not linked to a roster person.
   */
  saveReference(from: PlatformIdentity, reference: unknown): Promise<void>;
  /**
   * Replies that a surface could not post right after the turn (the platform was down, a 429): they go to the
   * outbox and are retried like any proactive message, so an answer is never lost. `key` is the event's key.
   */
  deliverLater(from: PlatformIdentity, replies: Outbound[], key: string): Promise<void>;
  /** The person's overview (progress, open requests) as a card, e.g. for Slack's App Home; null when unknown. */
  home(from: PlatformIdentity): Promise<CardSpec | null>;
}

export type CreateBot = (deps: BotDependencies) => Bot;
export type { Platform };
