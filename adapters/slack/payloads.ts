// The parts of Slack's payloads the adapter reads. Payloads are untrusted input, so each field is optional here
// and checked where it is used; Bolt's own types describe the full shapes.

export interface SlackMessageEvent {
  type: 'message';
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  text?: string;
  ts?: string;
  client_msg_id?: string;
  team?: string;
}

export interface SlackAppHomeOpenedEvent {
  type: 'app_home_opened';
  user?: string;
  channel?: string;
  tab?: string;
}

export interface SlackEventEnvelope<E> {
  type?: string;
  team_id?: string;
  event_id?: string;
  event: E;
}

/** `state.values`: block id → action id → the element's current value. */
export type SlackStateValues = Record<string, Record<string, SlackStateValue>>;

export interface SlackStateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[] | null;
  selected_date?: string | null;
  selected_time?: string | null;
  selected_date_time?: number | null;
  selected_user?: string | null;
  selected_users?: string[] | null;
  selected_channel?: string | null;
  selected_conversation?: string | null;
}

export interface SlackUserRef {
  id?: string;
  team_id?: string;
  name?: string;
  username?: string;
}

export interface SlackBlockAction {
  type?: string;
  action_id?: string;
  block_id?: string;
  value?: string;
  action_ts?: string;
}

export interface SlackBlockActionsBody {
  type: 'block_actions';
  trigger_id?: string;
  user?: SlackUserRef;
  team?: { id?: string } | null;
  container?: {
    type?: string;
    channel_id?: string;
    message_ts?: string;
    is_ephemeral?: boolean;
    view_id?: string;
  };
  channel?: { id?: string };
  message?: { ts?: string };
  state?: { values?: SlackStateValues };
  actions?: SlackBlockAction[];
  view?: { id?: string; type?: string };
}

export interface SlackViewSubmissionBody {
  type: 'view_submission';
  trigger_id?: string;
  user?: SlackUserRef;
  team?: { id?: string } | null;
  view?: {
    id?: string;
    hash?: string;
    callback_id?: string;
    private_metadata?: string;
    state?: { values?: SlackStateValues };
  };
}

export interface SlackSlashCommand {
  command?: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  team_id?: string;
  channel_id?: string;
  trigger_id?: string;
  response_url?: string;
}
