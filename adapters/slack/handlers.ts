// What happens after Slack has been acknowledged: turn the payload into an Inbound, run the core, and show the
// replies in the person's DM (or as a modal, or as the App Home). Bolt's listeners in adapter.ts call these.
import type { webApi } from '@slack/bolt';
import type { Bot } from '../../bot/core/bot.js';
import type { Inbound, MessageRef, Outbound, PlatformIdentity } from '../../bot/core/types.js';
import type { Logger } from '../../bot/log/logger.js';
import { deliverOrDefer } from '../shared/deliver.js';
import { deliveryFromError } from './delivery-errors.js';
import type { DmChannels } from './dm-channels.js';
import { homeView } from './home.js';
import {
  acceptDirectMessage,
  cardActionFromBlockActions,
  inputsFromState,
  interactionKey,
  PLATFORM,
} from './inbound.js';
import { blankRequiredErrors, decodeModalMetadata, modalCandidate, modalFromCard } from './modal.js';
import type {
  SlackAppHomeOpenedEvent,
  SlackBlockActionsBody,
  SlackEventEnvelope,
  SlackMessageEvent,
  SlackSlashCommand,
  SlackViewSubmissionBody,
} from './payloads.js';
import { postOutbound } from './post.js';
import { plainFromSlack } from './text.js';
import type { SlackUserInfo, UserDirectory } from './user-directory.js';

/** Who the bot is in this workspace (auth.test), to ignore its own messages. */
export interface SlackAuth {
  botUserId?: string;
  botId?: string;
  teamId?: string;
}

/** A trigger_id lives 3 s from the click; the core must have answered well before that for a modal. */
export const MODAL_DEADLINE_MS = 2500;

export interface SlackHandlersOptions {
  bot: Bot;
  /** The WebClient for replies (retries briefly, honours Retry-After). */
  client: webApi.WebClient;
  channels: DmChannels;
  users: UserDirectory;
  auth: () => Promise<SlackAuth>;
  logger: Logger;
  /** Language of the "not enrolled" App Home when Slack gives no user locale (LEERKANS_LOCALE). */
  defaultLocale: string;
  modalDeadlineMs?: number;
  now?: () => number;
}

export type ViewResponse = { response_action: 'clear' } | { response_action: 'errors'; errors: Record<string, string> };

export class SlackHandlers {
  /** Keys being handled right now: a retry that arrives while the first delivery still runs is dropped here. */
  private readonly inFlight = new Set<string>();
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly o: SlackHandlersOptions) {
    this.log = o.logger;
    this.now = o.now ?? Date.now;
  }

  /** `message.im`: a person writing to the bot. */
  async message(envelope: SlackEventEnvelope<SlackMessageEvent>, retryNum?: number): Promise<void> {
    const auth = await this.o.auth();
    const verdict = acceptDirectMessage(envelope, auth.botUserId);
    if (!verdict.accept) {
      this.log.debug({ event: 'slack.message_ignored', reason: verdict.reason }, 'message ignored');
      return;
    }
    await this.once(verdict.key, async () => {
      const who = await this.identify(envelope.team_id ?? auth.teamId, verdict.userId);
      if (!who) return;
      const replies = await this.o.bot.handle({ kind: 'text', from: who, text: verdict.text, key: verdict.key });
      this.log.debug({ event: 'slack.message', retryNum, replies: replies.length }, 'message handled');
      await this.o.channels.remember(who, verdict.channelId);
      await this.deliver(verdict.channelId, replies, who, verdict.key);
    });
  }

  /** `block_actions`: a button on one of our cards (a message, the App Home, or a button inside a modal). */
  async blockActions(body: SlackBlockActionsBody, receivedAt: number): Promise<void> {
    const action = body.actions?.[0];
    const card = action ? cardActionFromBlockActions(body, action) : undefined;
    if (!card || !body.user?.id) return;
    await this.once(card.key, async () => {
      const auth = await this.o.auth();
      const who = await this.identify(body.team?.id ?? body.user?.team_id ?? auth.teamId, body.user!.id!);
      if (!who) return;
      const inbound: Inbound = { kind: 'action', from: who, ...card };
      const replies = await this.o.bot.handle(inbound);
      const fromDm = card.message?.channelId.startsWith('D') ? card.message.channelId : undefined;
      if (fromDm) await this.o.channels.remember(who, fromDm);
      const rest = await this.openModal(card.verb, replies, body.trigger_id, card.message, receivedAt);
      if (rest.length > 0)
        await this.deliver(fromDm ?? (await this.o.channels.open(this.o.client, who)), rest, who, card.key);
    });
  }

  /**
   * `view_submission` of a modal we opened. Decides the HTTP answer at once (inline errors for blank required
   * inputs, otherwise close the modal) and returns the core's work to run after it.
   */
  viewSubmission(body: SlackViewSubmissionBody): { response?: ViewResponse; work?: () => Promise<void> } {
    const view = body.view;
    const metadata = decodeModalMetadata(view?.private_metadata);
    const userId = body.user?.id;
    if (!view || !metadata || !userId) {
      this.log.warn({ event: 'slack.view_unknown', callbackId: view?.callback_id }, 'submission of an unknown view');
      return {};
    }
    const inputs = inputsFromState(view.state?.values);
    const errors = blankRequiredErrors(metadata, inputs);
    if (errors) return { response: { response_action: 'errors', errors } };
    const key = interactionKey('view', view.id, view.hash, body.trigger_id);
    const work = () =>
      this.once(key, async () => {
        const auth = await this.o.auth();
        const who = await this.identify(body.team?.id ?? body.user?.team_id ?? auth.teamId, userId);
        if (!who) return;
        const message: MessageRef | undefined = metadata.message
          ? { platform: PLATFORM, ...metadata.message }
          : undefined;
        const inbound: Inbound = {
          kind: 'action',
          from: who,
          verb: metadata.verb,
          data: metadata.data,
          inputs,
          key,
          ...(message ? { message } : {}),
        };
        const replies = await this.o.bot.handle(inbound);
        await this.deliver(await this.o.channels.open(this.o.client, who), replies, who, key);
      });
    return { response: { response_action: 'clear' }, work };
  }

  /**
   * `/leerkans <words>`: the words go to the core as if typed in the DM, and the replies appear in the DM, where the
   * conversation (a reflection, a form) continues. A bare `/leerkans` asks for help.
   */
  async command(command: SlackSlashCommand): Promise<void> {
    if (!command.user_id) return;
    const text = plainFromSlack(command.text ?? '') || 'help';
    const key = interactionKey('cmd', command.trigger_id, command.user_id, command.text);
    await this.once(key, async () => {
      const auth = await this.o.auth();
      const who = await this.identify(command.team_id ?? auth.teamId, command.user_id!);
      if (!who) return;
      const replies = await this.o.bot.handle({ kind: 'text', from: who, text, key });
      await this.deliver(await this.o.channels.open(this.o.client, who), replies, who, key);
    });
  }

  /** `app_home_opened` on the Home tab: publish the person's overview (or the "not enrolled" note). */
  async homeOpened(envelope: SlackEventEnvelope<SlackAppHomeOpenedEvent>): Promise<void> {
    const event = envelope.event;
    if (event.tab !== 'home' || !event.user) return;
    const auth = await this.o.auth();
    const lookup = await this.identifyWithInfo(envelope.team_id ?? auth.teamId, event.user);
    if (!lookup) return;
    const card = await this.o.bot.home(lookup.who);
    const view = homeView(card, lookup.info?.locale ?? this.o.defaultLocale);
    await this.o.client.views.publish({ user_id: event.user, view });
  }

  /** Runs fn unless the same key is already running in this process (the core dedupes across processes). */
  private async once(key: string, fn: () => Promise<void>): Promise<void> {
    if (this.inFlight.has(key)) {
      this.log.debug({ event: 'slack.duplicate_in_flight', key }, 'duplicate delivery while the first still runs');
      return;
    }
    this.inFlight.add(key);
    try {
      await fn();
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async identify(tenantId: string | undefined, userId: string): Promise<PlatformIdentity | undefined> {
    return (await this.identifyWithInfo(tenantId, userId))?.who;
  }

  /**
   * The identity with the email from users.info, which the core needs to link a first-time user to the roster.
   * If Slack cannot be asked right now, go on without it: a linked person does not need it.
   */
  private async identifyWithInfo(
    tenantId: string | undefined,
    userId: string,
  ): Promise<{ who: PlatformIdentity; info?: SlackUserInfo } | undefined> {
    const who: PlatformIdentity = { platform: PLATFORM, tenantId: tenantId ?? '', userId };
    let info: SlackUserInfo;
    try {
      info = await this.o.users.lookup(userId);
    } catch (error) {
      this.log.warn(
        { event: 'slack.users_info_failed', reason: deliveryFromError(error).reason },
        'users.info failed; handling the event without an email',
      );
      return { who };
    }
    if (info.isBot || info.deleted) {
      this.log.debug({ event: 'slack.user_ignored', bot: info.isBot }, 'event from a bot or deactivated user ignored');
      return undefined;
    }
    if (info.email) who.email = info.email;
    if (info.displayName) who.displayName = info.displayName;
    return { who, info };
  }

  /**
   * The `.open` rule (see modal.ts): show the first reply card with inputs as a modal while the trigger is valid.
   * Returns the replies that still need posting.
   */
  private async openModal(
    verb: string,
    replies: Outbound[],
    triggerId: string | undefined,
    origin: MessageRef | undefined,
    receivedAt: number,
  ): Promise<Outbound[]> {
    const candidate = triggerId ? modalCandidate(verb, replies) : undefined;
    if (!candidate?.card) return replies;
    const late = this.now() - receivedAt > (this.o.modalDeadlineMs ?? MODAL_DEADLINE_MS);
    const view = late ? undefined : modalFromCard(candidate.card, origin);
    if (!view) {
      this.log.info(
        { event: 'slack.modal_skipped', late, card: candidate.card.kind },
        'card posted instead of a modal',
      );
      return replies;
    }
    try {
      await this.o.client.views.open({ trigger_id: triggerId!, view });
      return replies.filter((r) => r !== candidate);
    } catch (error) {
      this.log.warn({ event: 'slack.modal_failed', reason: deliveryFromError(error).reason }, 'views.open failed');
      return replies;
    }
  }

  /** Posts replies in order; what Slack refuses now goes to the outbox (see deliverOrDefer). */
  private async deliver(channelId: string, replies: Outbound[], who: PlatformIdentity, key: string): Promise<void> {
    await deliverOrDefer({
      bot: this.o.bot,
      from: who,
      key,
      replies,
      post: (out) => postOutbound(this.o.client, channelId, out, this.log),
      log: this.log,
      platform: PLATFORM,
    });
  }
}
