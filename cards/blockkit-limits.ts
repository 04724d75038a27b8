// Checks a Block Kit message or modal view against Slack's documented limits (cards/limits.ts) and a
// few structural rules Slack enforces with `invalid_blocks`. Returns readable violations; [] = OK.
// It takes plain JSON on purpose, so adapters can check any payload in development, not just ours.
import {
  SLACK_ACTION_ID_MAX,
  SLACK_ACTIONS_MAX_ELEMENTS,
  SLACK_BLOCK_ID_MAX,
  SLACK_BUTTON_TEXT_MAX,
  SLACK_BUTTON_URL_MAX,
  SLACK_BUTTON_VALUE_MAX,
  SLACK_CALLBACK_ID_MAX,
  SLACK_CHECKBOXES_MAX_OPTIONS,
  SLACK_CONTEXT_MAX_ELEMENTS,
  SLACK_HEADER_TEXT_MAX,
  SLACK_IMAGE_ALT_MAX,
  SLACK_IMAGE_TITLE_MAX,
  SLACK_IMAGE_URL_MAX,
  SLACK_INPUT_HINT_MAX,
  SLACK_INPUT_LABEL_MAX,
  SLACK_MESSAGE_MAX_BLOCKS,
  SLACK_MESSAGE_TEXT_MAX,
  SLACK_MODAL_BUTTON_MAX,
  SLACK_MODAL_MAX_BLOCKS,
  SLACK_MODAL_TITLE_MAX,
  SLACK_OPTION_TEXT_MAX,
  SLACK_OPTION_VALUE_MAX,
  SLACK_PLACEHOLDER_MAX,
  SLACK_PRIVATE_METADATA_MAX,
  SLACK_RADIO_MAX_OPTIONS,
  SLACK_SECTION_FIELD_MAX,
  SLACK_SECTION_MAX_FIELDS,
  SLACK_SECTION_TEXT_MAX,
  SLACK_SELECT_MAX_OPTIONS,
  SLACK_TEXT_INPUT_MAX_LENGTH,
  SLACK_TEXT_MAX,
} from './limits.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Elements allowed in each block type (Slack block-elements reference, "Works with block types"). */
const ACTIONS_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'timepicker',
  'workflow_button',
]);
const SECTION_ACCESSORIES = new Set([
  ...ACTIONS_ELEMENTS,
  'image',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
]);
const INPUT_ELEMENTS = new Set([
  'plain_text_input',
  'checkboxes',
  'radio_buttons',
  'static_select',
  'multi_static_select',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'datepicker',
  'datetimepicker',
  'timepicker',
  'email_text_input',
  'number_input',
  'url_text_input',
  'rich_text_input',
  'file_input',
]);
const KNOWN_BLOCKS = new Set([
  'actions',
  'context',
  'divider',
  'header',
  'image',
  'input',
  'section',
  'rich_text',
  'file',
  'video',
  'markdown',
]);

/**
 * Lists every limit a Block Kit payload breaks. A payload with `type: 'modal'` is checked as a modal
 * view, anything else as a message (`{ text?, blocks }`).
 */
export function checkBlockKitLimits(payload: unknown): string[] {
  const out: string[] = [];
  if (!isObject(payload)) return ['payload is not an object'];
  const isModal = payload.type === 'modal';
  const blocks = payload.blocks;
  if (!Array.isArray(blocks)) out.push('blocks: missing or not an array');
  const list = asArray(blocks);

  if (isModal) {
    const maxBlocks = SLACK_MODAL_MAX_BLOCKS;
    if (list.length > maxBlocks) out.push(`blocks: ${list.length} blocks, modal limit ${maxBlocks}`);
    checkText(out, 'title', payload.title, SLACK_MODAL_TITLE_MAX, { plainOnly: true, required: true });
    checkText(out, 'submit', payload.submit, SLACK_MODAL_BUTTON_MAX, { plainOnly: true });
    checkText(out, 'close', payload.close, SLACK_MODAL_BUTTON_MAX, { plainOnly: true });
    checkString(out, 'callback_id', payload.callback_id, SLACK_CALLBACK_ID_MAX);
    checkString(out, 'private_metadata', payload.private_metadata, SLACK_PRIVATE_METADATA_MAX);
    if (payload.submit === undefined && list.some((b) => isObject(b) && b.type === 'input')) {
      out.push('submit: a modal with input blocks needs a submit button');
    }
  } else {
    if (list.length > SLACK_MESSAGE_MAX_BLOCKS) {
      out.push(`blocks: ${list.length} blocks, message limit ${SLACK_MESSAGE_MAX_BLOCKS}`);
    }
    if (payload.text !== undefined) {
      if (typeof payload.text !== 'string') out.push('text: not a string');
      else if (payload.text.length > SLACK_MESSAGE_TEXT_MAX) {
        out.push(`text: ${payload.text.length} chars, limit ${SLACK_MESSAGE_TEXT_MAX}`);
      }
    }
  }

  const blockIds = new Set<string>();
  list.forEach((block, i) => {
    checkBlock(out, `blocks[${i}]`, block, blockIds);
  });
  return out;
}

function checkBlock(out: string[], at: string, block: unknown, blockIds: Set<string>): void {
  if (!isObject(block)) {
    out.push(`${at}: not an object`);
    return;
  }
  const type = String(block.type);
  at = `${at} (${type})`;
  if (!KNOWN_BLOCKS.has(type)) out.push(`${at}: unknown block type`);
  if (block.block_id !== undefined) {
    checkString(out, `${at}.block_id`, block.block_id, SLACK_BLOCK_ID_MAX, true);
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) out.push(`${at}.block_id: "${block.block_id}" is used twice`);
      blockIds.add(block.block_id);
    }
  }
  const actionIds = new Set<string>();
  switch (type) {
    case 'header':
      checkText(out, `${at}.text`, block.text, SLACK_HEADER_TEXT_MAX, { plainOnly: true, required: true });
      break;
    case 'section': {
      if (block.text === undefined && block.fields === undefined) out.push(`${at}: needs text or fields`);
      if (block.text !== undefined)
        checkText(out, `${at}.text`, block.text, SLACK_SECTION_TEXT_MAX, { required: true });
      if (block.fields !== undefined) {
        const fields = asArray(block.fields);
        if (fields.length === 0) out.push(`${at}.fields: empty`);
        if (fields.length > SLACK_SECTION_MAX_FIELDS) {
          out.push(`${at}.fields: ${fields.length} fields, limit ${SLACK_SECTION_MAX_FIELDS}`);
        }
        fields.forEach((f, j) => {
          checkText(out, `${at}.fields[${j}]`, f, SLACK_SECTION_FIELD_MAX, { required: true });
        });
      }
      if (block.accessory !== undefined) {
        checkElement(out, `${at}.accessory`, block.accessory, SECTION_ACCESSORIES, actionIds);
      }
      break;
    }
    case 'context': {
      const elements = asArray(block.elements);
      if (elements.length === 0) out.push(`${at}.elements: empty`);
      if (elements.length > SLACK_CONTEXT_MAX_ELEMENTS) {
        out.push(`${at}.elements: ${elements.length} elements, limit ${SLACK_CONTEXT_MAX_ELEMENTS}`);
      }
      elements.forEach((e, j) => {
        if (isObject(e) && e.type === 'image') checkImage(out, `${at}.elements[${j}]`, e);
        else checkText(out, `${at}.elements[${j}]`, e, SLACK_TEXT_MAX, { required: true });
      });
      break;
    }
    case 'actions': {
      const elements = asArray(block.elements);
      if (elements.length === 0) out.push(`${at}.elements: empty`);
      if (elements.length > SLACK_ACTIONS_MAX_ELEMENTS) {
        out.push(`${at}.elements: ${elements.length} elements, limit ${SLACK_ACTIONS_MAX_ELEMENTS}`);
      }
      elements.forEach((e, j) => {
        checkElement(out, `${at}.elements[${j}]`, e, ACTIONS_ELEMENTS, actionIds);
      });
      break;
    }
    case 'input':
      checkText(out, `${at}.label`, block.label, SLACK_INPUT_LABEL_MAX, { plainOnly: true, required: true });
      checkText(out, `${at}.hint`, block.hint, SLACK_INPUT_HINT_MAX, { plainOnly: true });
      if (block.element === undefined) out.push(`${at}.element: missing`);
      else checkElement(out, `${at}.element`, block.element, INPUT_ELEMENTS, actionIds);
      break;
    case 'image':
      checkImage(out, at, block);
      checkText(out, `${at}.title`, block.title, SLACK_IMAGE_TITLE_MAX, { plainOnly: true });
      break;
  }
}

function checkImage(out: string[], at: string, image: Json): void {
  checkString(out, `${at}.alt_text`, image.alt_text, SLACK_IMAGE_ALT_MAX, true);
  if (image.image_url === undefined && image.slack_file === undefined) out.push(`${at}: needs image_url or slack_file`);
  checkString(out, `${at}.image_url`, image.image_url, SLACK_IMAGE_URL_MAX);
}

function checkElement(out: string[], at: string, el: unknown, allowed: Set<string>, actionIds: Set<string>): void {
  if (!isObject(el)) {
    out.push(`${at}: not an object`);
    return;
  }
  const type = String(el.type);
  at = `${at} (${type})`;
  if (!allowed.has(type)) out.push(`${at}: element type not allowed here`);
  if (el.action_id !== undefined) {
    checkString(out, `${at}.action_id`, el.action_id, SLACK_ACTION_ID_MAX, true);
    if (typeof el.action_id === 'string') {
      if (actionIds.has(el.action_id)) out.push(`${at}.action_id: "${el.action_id}" is used twice in one block`);
      actionIds.add(el.action_id);
    }
  }
  checkText(out, `${at}.placeholder`, el.placeholder, SLACK_PLACEHOLDER_MAX, { plainOnly: true });
  switch (type) {
    case 'button':
      checkText(out, `${at}.text`, el.text, SLACK_BUTTON_TEXT_MAX, { plainOnly: true, required: true });
      checkString(out, `${at}.value`, el.value, SLACK_BUTTON_VALUE_MAX);
      checkString(out, `${at}.url`, el.url, SLACK_BUTTON_URL_MAX);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        out.push(`${at}.style: "${String(el.style)}" is not primary or danger`);
      }
      break;
    case 'static_select':
    case 'multi_static_select':
      checkOptions(out, at, el, SLACK_SELECT_MAX_OPTIONS);
      break;
    case 'radio_buttons':
      checkOptions(out, at, el, SLACK_RADIO_MAX_OPTIONS);
      break;
    case 'checkboxes':
      checkOptions(out, at, el, SLACK_CHECKBOXES_MAX_OPTIONS);
      break;
    case 'plain_text_input': {
      const max = el.max_length;
      const min = el.min_length;
      if (max !== undefined && (typeof max !== 'number' || max < 1 || max > SLACK_TEXT_INPUT_MAX_LENGTH)) {
        out.push(`${at}.max_length: ${String(max)} is outside 1..${SLACK_TEXT_INPUT_MAX_LENGTH}`);
      }
      if (min !== undefined && (typeof min !== 'number' || min < 0 || min > SLACK_TEXT_INPUT_MAX_LENGTH)) {
        out.push(`${at}.min_length: ${String(min)} is outside 0..${SLACK_TEXT_INPUT_MAX_LENGTH}`);
      }
      const limit = typeof max === 'number' ? max : SLACK_TEXT_INPUT_MAX_LENGTH;
      checkString(out, `${at}.initial_value`, el.initial_value, limit);
      break;
    }
  }
}

function checkOptions(out: string[], at: string, el: Json, maxOptions: number): void {
  const options = asArray(el.options);
  if (options.length === 0 && el.option_groups === undefined) out.push(`${at}.options: empty`);
  if (options.length > maxOptions) out.push(`${at}.options: ${options.length} options, limit ${maxOptions}`);
  const values = new Set<string>();
  options.forEach((o, j) => {
    if (!isObject(o)) {
      out.push(`${at}.options[${j}]: not an object`);
      return;
    }
    // Radio buttons and checkboxes may use mrkdwn option text; menus only plain_text.
    const plainOnly = el.type === 'static_select' || el.type === 'multi_static_select';
    checkText(out, `${at}.options[${j}].text`, o.text, SLACK_OPTION_TEXT_MAX, { plainOnly, required: true });
    checkText(out, `${at}.options[${j}].description`, o.description, SLACK_OPTION_TEXT_MAX, { plainOnly });
    checkString(out, `${at}.options[${j}].value`, o.value, SLACK_OPTION_VALUE_MAX, true);
    if (typeof o.value === 'string') {
      if (values.has(o.value)) out.push(`${at}.options[${j}].value: "${o.value}" is used twice`);
      values.add(o.value);
    }
  });
  // Slack rejects an initial option that is not exactly one of the options.
  const initial = [el.initial_option, ...asArray(el.initial_options)].filter((o) => o !== undefined);
  initial.forEach((o) => {
    const value = isObject(o) ? o.value : undefined;
    if (typeof value !== 'string' || !values.has(value)) {
      out.push(`${at}: initial option "${String(value)}" is not one of the options`);
    }
  });
}

function checkString(out: string[], at: string, value: unknown, max: number, required = false): void {
  if (value === undefined) {
    if (required) out.push(`${at}: missing`);
    return;
  }
  if (typeof value !== 'string') out.push(`${at}: not a string`);
  else if (required && value.length === 0) out.push(`${at}: empty`);
  else if (value.length > max) out.push(`${at}: ${value.length} chars, limit ${max}`);
}

function checkText(
  out: string[],
  at: string,
  value: unknown,
  max: number,
  opts: { plainOnly?: boolean; required?: boolean },
): void {
  if (value === undefined) {
    if (opts.required) out.push(`${at}: missing`);
    return;
  }
  if (!isObject(value)) {
    out.push(`${at}: not a text object`);
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn')
    out.push(`${at}.type: "${String(value.type)}" is not a text type`);
  else if (opts.plainOnly && value.type !== 'plain_text') out.push(`${at}.type: must be plain_text`);
  // Slack refuses empty text objects; every text object also has the general 3000 limit.
  checkString(out, `${at}.text`, value.text, Math.min(max, SLACK_TEXT_MAX), true);
}
