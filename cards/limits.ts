// Numeric limits the card renderers respect. Vendor limits cite the page they come from (checked
// 2026-11). Lengths are counted in UTF-16 code units (JS
// `string.length`), which is never less than the characters a vendor counts.

// --- Slack Block Kit -----------------------------------------------------------------------------

/** Blocks per message. https://docs.slack.dev/reference/block-kit/blocks */
export const SLACK_MESSAGE_MAX_BLOCKS = 50;
/** Blocks per modal view. https://docs.slack.dev/reference/views/modal-views */
export const SLACK_MODAL_MAX_BLOCKS = 100;
/** Top-level message `text`; Slack truncates longer text. https://docs.slack.dev/reference/methods/chat.postMessage */
export const SLACK_MESSAGE_TEXT_MAX = 40_000;
/** Any text object. https://docs.slack.dev/reference/block-kit/composition-objects/text-object */
export const SLACK_TEXT_MAX = 3000;
/** Section `text`. https://docs.slack.dev/reference/block-kit/blocks/section-block */
export const SLACK_SECTION_TEXT_MAX = 3000;
/** Section `fields`: at most 10 items of 2000 chars each. https://docs.slack.dev/reference/block-kit/blocks/section-block */
export const SLACK_SECTION_MAX_FIELDS = 10;
export const SLACK_SECTION_FIELD_MAX = 2000;
/** Header block text (plain_text). https://docs.slack.dev/reference/block-kit/blocks/header-block */
export const SLACK_HEADER_TEXT_MAX = 150;
/** Context block elements. https://docs.slack.dev/reference/block-kit/blocks/context-block */
export const SLACK_CONTEXT_MAX_ELEMENTS = 10;
/** Actions block elements. https://docs.slack.dev/reference/block-kit/blocks/actions-block */
export const SLACK_ACTIONS_MAX_ELEMENTS = 25;
/** Input block `label` and `hint`. https://docs.slack.dev/reference/block-kit/blocks/input-block */
export const SLACK_INPUT_LABEL_MAX = 2000;
export const SLACK_INPUT_HINT_MAX = 2000;
/** Image block. https://docs.slack.dev/reference/block-kit/blocks/image-block */
export const SLACK_IMAGE_ALT_MAX = 2000;
export const SLACK_IMAGE_URL_MAX = 3000;
export const SLACK_IMAGE_TITLE_MAX = 2000;
/** `block_id` and `action_id`. https://docs.slack.dev/reference/block-kit/blocks */
export const SLACK_BLOCK_ID_MAX = 255;
export const SLACK_ACTION_ID_MAX = 255;
/** Button text, value and url. https://docs.slack.dev/reference/block-kit/block-elements/button-element */
export const SLACK_BUTTON_TEXT_MAX = 75;
export const SLACK_BUTTON_VALUE_MAX = 2000;
export const SLACK_BUTTON_URL_MAX = 3000;
/** Option object. https://docs.slack.dev/reference/block-kit/composition-objects/option-object */
export const SLACK_OPTION_TEXT_MAX = 75;
export const SLACK_OPTION_VALUE_MAX = 150;
/** Static (multi-)select options and placeholder. https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element */
export const SLACK_SELECT_MAX_OPTIONS = 100;
export const SLACK_PLACEHOLDER_MAX = 150;
/** Radio buttons and checkboxes hold at most 10 options. https://docs.slack.dev/reference/block-kit/block-elements/radio-button-group-element */
export const SLACK_RADIO_MAX_OPTIONS = 10;
export const SLACK_CHECKBOXES_MAX_OPTIONS = 10;
/** Plain-text input `max_length`/`min_length` range. https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element */
export const SLACK_TEXT_INPUT_MAX_LENGTH = 3000;
/** Modal title, submit and close texts; callback id; private metadata. https://docs.slack.dev/reference/views/modal-views */
export const SLACK_MODAL_TITLE_MAX = 24;
export const SLACK_MODAL_BUTTON_MAX = 24;
export const SLACK_CALLBACK_ID_MAX = 255;
export const SLACK_PRIVATE_METADATA_MAX = 3000;

// --- Microsoft Teams / Adaptive Cards ------------------------------------------------------------

/**
 * A Teams bot message must stay under ~100 KB counted as UTF-16; keep it under ~80 KB.
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages
 */
export const TEAMS_MESSAGE_MAX_BYTES = 80_000;
/**
 * Our default budget for one card, measured by `adaptiveCardSize` (the larger of UTF-8 and UTF-16
 * bytes). It leaves ~20 KB for the activity envelope and the plain-text fallback.
 */
export const TEAMS_CARD_BUDGET_BYTES = 60_000;
/**
 * Actions per ActionSet. The Adaptive Cards host config defaults `actions.maxActions` to 5 and the
 * JS renderer reports more as a validation failure; Teams shows up to 6. Chunk by 5.
 * https://learn.microsoft.com/adaptive-cards/rendering-cards/host-config
 */
export const AC_MAX_ACTIONS_PER_SET = 5;
/** Teams renders only Adaptive Cards up to schema 1.5 in bot messages. */
export const AC_VERSION = '1.5';

/**
 * Our own per-field caps for Adaptive Cards (not vendor limits): a card is a prompt, not a document.
 * The renderer starts at level 0 and steps down until the card fits the byte budget.
 */
export interface AdaptiveCaps {
  text: number;
  factTitle: number;
  factValue: number;
  label: number;
  choiceTitle: number;
  choices: number;
  actionTitle: number;
}

export const AC_CAP_LEVELS: readonly AdaptiveCaps[] = [
  { text: 4000, factTitle: 200, factValue: 2000, label: 500, choiceTitle: 200, choices: 100, actionTitle: 100 },
  { text: 2000, factTitle: 150, factValue: 1000, label: 300, choiceTitle: 150, choices: 100, actionTitle: 80 },
  { text: 1000, factTitle: 100, factValue: 500, label: 200, choiceTitle: 100, choices: 100, actionTitle: 60 },
  { text: 500, factTitle: 80, factValue: 250, label: 150, choiceTitle: 75, choices: 100, actionTitle: 50 },
  { text: 250, factTitle: 60, factValue: 150, label: 100, choiceTitle: 60, choices: 100, actionTitle: 40 },
  { text: 120, factTitle: 40, factValue: 80, label: 75, choiceTitle: 40, choices: 100, actionTitle: 30 },
  // Only when shorter texts are not enough do option lists get cut (with a visible "+N" notice).
  { text: 120, factTitle: 40, factValue: 80, label: 75, choiceTitle: 40, choices: 50, actionTitle: 30 },
  { text: 120, factTitle: 40, factValue: 80, label: 75, choiceTitle: 40, choices: 25, actionTitle: 30 },
];
