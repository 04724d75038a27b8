// CardSpec → Slack Block Kit: a message (`renderBlockKit`) or a modal view (`renderBlockKitModal`).
// Every limit in cards/limits.ts is respected: texts are cut visibly ('…'), long lists are split or
// end in a "+N" notice, and identifiers that cannot be shortened make the renderer throw.
import {
  SLACK_ACTION_ID_MAX,
  SLACK_ACTIONS_MAX_ELEMENTS,
  SLACK_BLOCK_ID_MAX,
  SLACK_BUTTON_TEXT_MAX,
  SLACK_BUTTON_VALUE_MAX,
  SLACK_CALLBACK_ID_MAX,
  SLACK_CHECKBOXES_MAX_OPTIONS,
  SLACK_HEADER_TEXT_MAX,
  SLACK_IMAGE_ALT_MAX,
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
import {
  actionPayload,
  assertMaxLength,
  assertUniqueInputIds,
  capOptions,
  isInteractive,
  overflowNotice,
  selectedValues,
  truncate,
  truncateEncoded,
} from './render-utils.js';
import type {
  ActionElement,
  CardElement,
  CardSpec,
  ChoiceInputElement,
  ChoiceOption,
  FactsElement,
  TextInputElement,
} from './spec.js';

// --- Block Kit types (the subset we emit) -------------------------------------------------------

export interface PlainText {
  type: 'plain_text';
  text: string;
}
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}
export type TextObject = PlainText | Mrkdwn;

export interface SlackOption {
  text: PlainText;
  value: string;
}

export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
}
export interface StaticSelectElement {
  type: 'static_select';
  action_id: string;
  options: SlackOption[];
  initial_option?: SlackOption;
  placeholder?: PlainText;
}
export interface MultiStaticSelectElement {
  type: 'multi_static_select';
  action_id: string;
  options: SlackOption[];
  initial_options?: SlackOption[];
  placeholder?: PlainText;
}
export interface RadioButtonsElement {
  type: 'radio_buttons';
  action_id: string;
  options: SlackOption[];
  initial_option?: SlackOption;
}
export interface CheckboxesElement {
  type: 'checkboxes';
  action_id: string;
  options: SlackOption[];
  initial_options?: SlackOption[];
}
export interface PlainTextInputElement {
  type: 'plain_text_input';
  action_id: string;
  multiline?: boolean;
  max_length?: number;
  initial_value?: string;
  placeholder?: PlainText;
}
export type ChoiceElement = StaticSelectElement | MultiStaticSelectElement | RadioButtonsElement | CheckboxesElement;

export interface HeaderBlock {
  type: 'header';
  text: PlainText;
}
export interface SectionBlock {
  type: 'section';
  block_id?: string;
  text?: TextObject;
  fields?: TextObject[];
  accessory?: ChoiceElement;
}
export interface ContextBlock {
  type: 'context';
  elements: TextObject[];
}
export interface DividerBlock {
  type: 'divider';
}
export interface ImageBlock {
  type: 'image';
  image_url: string;
  alt_text: string;
}
export interface ActionsBlock {
  type: 'actions';
  elements: ButtonElement[];
}
export interface InputBlock {
  type: 'input';
  block_id: string;
  label: PlainText;
  element: PlainTextInputElement | ChoiceElement;
  optional: boolean;
  hint?: PlainText;
}
export type Block = HeaderBlock | SectionBlock | ContextBlock | DividerBlock | ImageBlock | ActionsBlock | InputBlock;

export interface BlockKitMessage {
  /** Notification and fallback text (mrkdwn). */
  text: string;
  blocks: Block[];
}

export interface ModalView {
  type: 'modal';
  title: PlainText;
  blocks: Block[];
  submit?: PlainText;
  close?: PlainText;
  callback_id: string;
  private_metadata?: string;
}

export interface BlockKitModalOptions {
  /** Identifies the view in `view_submission`; usually the submitting verb. */
  callbackId: string;
  /** Sent back with the submission. Default: the submitting action's payload as JSON (verb + data). */
  privateMetadata?: string;
  /** Text of the modal's submit button. Default: the label of the spec's first submitting action. */
  submitLabel?: string;
  closeLabel?: string;
  /** Modal title (≤ 24 characters shown). Default: the spec's title, cut to fit. */
  title?: string;
}

// --- Public API -----------------------------------------------------------------------------------

/** Renders a spec as a Slack message (`chat.postMessage` `text` + `blocks`). Choices sit beside their label. */
export function renderBlockKit(spec: CardSpec): BlockKitMessage {
  assertUniqueInputIds(spec);
  const ctx = newContext('message', spec);
  const groups: Group[] = [];
  if (spec.title) groups.push({ blocks: [heading(spec.title)], keep: true });
  spec.elements.forEach((el) => {
    groups.push({ blocks: renderElement(el, ctx), keep: isInteractive(el) });
  });
  const text = truncateEncoded(spec.fallbackText || spec.title || spec.kind, SLACK_MESSAGE_TEXT_MAX, escapeMrkdwn);
  return { text, blocks: fitBlocks(groups, SLACK_MESSAGE_MAX_BLOCKS, spec) };
}

/**
 * Renders a spec as a modal view (`views.open`). Inputs become input blocks; the first submitting
 * action becomes the modal's submit button, other actions stay buttons.
 */
export function renderBlockKitModal(spec: CardSpec, opts: BlockKitModalOptions): ModalView {
  assertUniqueInputIds(spec);
  assertMaxLength('callback_id', opts.callbackId, SLACK_CALLBACK_ID_MAX);
  const ctx = newContext('modal', spec);
  const submitAction = spec.elements
    .flatMap((el) => (el.type === 'actions' ? el.actions : []))
    .find((a) => a.submitsInputs);
  const hasInputs = spec.elements.some((el) => el.type === 'input' || el.type === 'choice');

  const fullTitle = opts.title ?? spec.title;
  if (!fullTitle) throw new RangeError(`modal ${spec.kind}: needs a title (spec.title or opts.title)`);
  const title = truncate(fullTitle, SLACK_MODAL_TITLE_MAX);

  const groups: Group[] = [];
  // The modal title holds 24 characters: a card title it does not show in full is repeated on top.
  if (spec.title && spec.title !== title) groups.push({ blocks: [heading(spec.title)], keep: true });
  for (const el of spec.elements) {
    const rendered = el.type === 'actions' ? { ...el, actions: el.actions.filter((a) => a !== submitAction) } : el;
    groups.push({ blocks: renderElement(rendered, ctx), keep: isInteractive(el) });
  }

  const view: ModalView = {
    type: 'modal',
    title: plain(title),
    blocks: fitBlocks(groups, SLACK_MODAL_MAX_BLOCKS, spec),
    callback_id: opts.callbackId,
  };
  const submitLabel = opts.submitLabel ?? submitAction?.label;
  if (submitLabel) view.submit = plain(truncate(submitLabel, SLACK_MODAL_BUTTON_MAX));
  else if (hasInputs) throw new RangeError(`modal ${spec.kind}: has inputs, so it needs a submit label`);
  if (opts.closeLabel) view.close = plain(truncate(opts.closeLabel, SLACK_MODAL_BUTTON_MAX));
  const metadata = opts.privateMetadata ?? (submitAction ? JSON.stringify(actionPayload(submitAction)) : undefined);
  if (metadata !== undefined) {
    assertMaxLength('private_metadata', metadata, SLACK_PRIVATE_METADATA_MAX);
    view.private_metadata = metadata;
  }
  return view;
}

/** Action id of a button: the verb, with '#n' added when the same verb appears twice in one message. */
export function verbFromActionId(actionId: string): string {
  const hash = actionId.lastIndexOf('#');
  return hash > 0 && /^\d+$/.test(actionId.slice(hash + 1)) ? actionId.slice(0, hash) : actionId;
}

/**
 * Reads a button value or modal private_metadata written by this renderer: `{ verb, ...data }`.
 * Returns undefined for anything else. The result is untrusted: the core re-checks it.
 */
export function parseBlockKitActionValue(value: string): { verb: string; data: Record<string, string> } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { verb, ...rest } = parsed as Record<string, unknown>;
  if (typeof verb !== 'string') return undefined;
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(rest)) if (typeof v === 'string') data[k] = v;
  return { verb, data };
}

/** Escapes the three characters Slack's mrkdwn reserves for links and mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

// --- Rendering --------------------------------------------------------------------------------------

interface Context {
  surface: 'message' | 'modal';
  overflowText: string | undefined;
  /** Button action ids used so far; Slack rejects duplicates. */
  actionIds: Set<string>;
}

interface Group {
  blocks: Block[];
  /** Interactive groups are never dropped to save blocks. */
  keep: boolean;
}

function newContext(surface: Context['surface'], spec: CardSpec): Context {
  return { surface, overflowText: spec.overflowText, actionIds: new Set() };
}

const plain = (text: string): PlainText => ({ type: 'plain_text', text });
const mrkdwn = (text: string): Mrkdwn => ({ type: 'mrkdwn', text });

/** A header when it fits in 150 characters, else a section so nothing is cut. */
function heading(text: string): Block {
  if (text.length <= SLACK_HEADER_TEXT_MAX) return { type: 'header', text: plain(text) };
  return { type: 'section', text: plain(truncate(text, SLACK_SECTION_TEXT_MAX)) };
}

function renderElement(el: CardElement, ctx: Context): Block[] {
  switch (el.type) {
    case 'text':
      if (!el.text) return [];
      if (el.style === 'heading') return [heading(el.text)];
      if (el.style === 'subtle') {
        return [{ type: 'context', elements: [mrkdwn(truncateEncoded(el.text, SLACK_TEXT_MAX, escapeMrkdwn))] }];
      }
      return [{ type: 'section', text: mrkdwn(truncateEncoded(el.text, SLACK_SECTION_TEXT_MAX, escapeMrkdwn)) }];
    case 'facts':
      return renderFacts(el);
    case 'choice':
      return [renderChoice(el, ctx)];
    case 'input':
      return [renderTextInput(el)];
    case 'image':
      assertMaxLength('image url', el.url, SLACK_IMAGE_URL_MAX);
      return [{ type: 'image', image_url: el.url, alt_text: truncate(el.alt || ' ', SLACK_IMAGE_ALT_MAX) }];
    case 'divider':
      return [{ type: 'divider' }];
    case 'actions':
      return renderActions(el.actions, ctx);
  }
}

/** Our cap for a fact's label (a few words), so the value keeps most of the field's 2000 characters. */
const FACT_LABEL_MAX = 200;

/** Facts become two-column section fields, 10 per section (Slack's maximum). */
function renderFacts(el: FactsElement): Block[] {
  const blocks: Block[] = [];
  for (let start = 0; start < el.facts.length; start += SLACK_SECTION_MAX_FIELDS) {
    const fields = el.facts.slice(start, start + SLACK_SECTION_MAX_FIELDS).map((f) => {
      const label = `*${truncateEncoded(f.label, FACT_LABEL_MAX, escapeMrkdwn)}*`;
      const room = SLACK_SECTION_FIELD_MAX - label.length - 1;
      return mrkdwn(`${label}\n${truncateEncoded(f.value || ' ', room, escapeMrkdwn)}`);
    });
    blocks.push({ type: 'section', fields });
  }
  return blocks;
}

function renderChoice(el: ChoiceInputElement, ctx: Context): Block {
  if (el.options.length === 0) throw new RangeError(`choice "${el.id}" has no options`);
  assertMaxLength('choice id (block_id/action_id)', el.id, Math.min(SLACK_BLOCK_ID_MAX, SLACK_ACTION_ID_MAX));
  const selected = selectedValues(el);
  const options = capOptions(el.options, SLACK_SELECT_MAX_OPTIONS, selected);
  const hidden = el.options.length - options.length;
  const element = choiceElement(el, options, selected);
  const notice = hidden > 0 ? overflowNotice(ctx.overflowText, hidden) : undefined;
  if (ctx.surface === 'modal') {
    const block: InputBlock = {
      type: 'input',
      block_id: el.id,
      label: plain(truncate(el.label, SLACK_INPUT_LABEL_MAX)),
      element,
      optional: !el.required,
    };
    if (notice) block.hint = plain(truncate(notice, SLACK_INPUT_HINT_MAX));
    return block;
  }
  // In a message the control sits beside its label; multi-selects are not allowed in actions blocks.
  const suffix = notice ? `\n${escapeMrkdwn(notice)}` : '';
  const label = `*${truncateEncoded(el.label, SLACK_SECTION_TEXT_MAX - suffix.length - 2, escapeMrkdwn)}*`;
  return { type: 'section', block_id: el.id, text: mrkdwn(`${label}${suffix}`), accessory: element };
}

function choiceElement(el: ChoiceInputElement, options: ChoiceOption[], selected: ReadonlySet<string>): ChoiceElement {
  const slackOptions = options.map(toSlackOption);
  const initial = slackOptions.filter((o) => selected.has(o.value));
  const placeholder = el.placeholder ? plain(truncate(el.placeholder, SLACK_PLACEHOLDER_MAX)) : undefined;
  if (el.multiple) {
    if (el.expanded && options.length <= SLACK_CHECKBOXES_MAX_OPTIONS) {
      return withInitialOptions({ type: 'checkboxes', action_id: el.id, options: slackOptions }, initial);
    }
    const select: MultiStaticSelectElement = { type: 'multi_static_select', action_id: el.id, options: slackOptions };
    if (placeholder) select.placeholder = placeholder;
    return withInitialOptions(select, initial);
  }
  const first = initial[0];
  if (el.expanded && options.length <= SLACK_RADIO_MAX_OPTIONS) {
    const radio: RadioButtonsElement = { type: 'radio_buttons', action_id: el.id, options: slackOptions };
    if (first) radio.initial_option = first;
    return radio;
  }
  const select: StaticSelectElement = { type: 'static_select', action_id: el.id, options: slackOptions };
  if (first) select.initial_option = first;
  if (placeholder) select.placeholder = placeholder;
  return select;
}

function withInitialOptions<T extends CheckboxesElement | MultiStaticSelectElement>(el: T, initial: SlackOption[]): T {
  if (initial.length > 0) el.initial_options = initial;
  return el;
}

function toSlackOption(o: ChoiceOption): SlackOption {
  // A cut value would submit a different answer than the one shown.
  assertMaxLength(`option value "${o.value.slice(0, 40)}"`, o.value, SLACK_OPTION_VALUE_MAX);
  return { text: plain(truncate(o.label || o.value, SLACK_OPTION_TEXT_MAX)), value: o.value };
}

function renderTextInput(el: TextInputElement): InputBlock {
  assertMaxLength('input id (block_id/action_id)', el.id, Math.min(SLACK_BLOCK_ID_MAX, SLACK_ACTION_ID_MAX));
  const element: PlainTextInputElement = { type: 'plain_text_input', action_id: el.id };
  if (el.multiline) element.multiline = true;
  const maxLength = el.maxLength ? Math.min(Math.max(el.maxLength, 1), SLACK_TEXT_INPUT_MAX_LENGTH) : undefined;
  if (maxLength) element.max_length = maxLength;
  if (el.value) element.initial_value = truncate(el.value, maxLength ?? SLACK_TEXT_INPUT_MAX_LENGTH);
  if (el.placeholder) element.placeholder = plain(truncate(el.placeholder, SLACK_PLACEHOLDER_MAX));
  return {
    type: 'input',
    block_id: el.id,
    label: plain(truncate(el.label, SLACK_INPUT_LABEL_MAX)),
    element,
    optional: !el.required,
  };
}

/** Buttons, 25 per actions block (Slack's maximum), in as many blocks as needed. */
function renderActions(actions: ActionElement[], ctx: Context): Block[] {
  const buttons = actions.map((a) => renderButton(a, ctx));
  const blocks: Block[] = [];
  for (let start = 0; start < buttons.length; start += SLACK_ACTIONS_MAX_ELEMENTS) {
    blocks.push({ type: 'actions', elements: buttons.slice(start, start + SLACK_ACTIONS_MAX_ELEMENTS) });
  }
  return blocks;
}

function renderButton(action: ActionElement, ctx: Context): ButtonElement {
  let actionId = action.verb;
  for (let n = 2; ctx.actionIds.has(actionId); n++) actionId = `${action.verb}#${n}`;
  ctx.actionIds.add(actionId);
  assertMaxLength(`action_id "${actionId.slice(0, 40)}"`, actionId, SLACK_ACTION_ID_MAX);
  const value = JSON.stringify(actionPayload(action));
  assertMaxLength(`button value for "${action.verb}"`, value, SLACK_BUTTON_VALUE_MAX);
  const button: ButtonElement = {
    type: 'button',
    text: plain(truncate(action.label, SLACK_BUTTON_TEXT_MAX)),
    action_id: actionId,
    value,
  };
  if (action.style === 'primary' || action.style === 'danger') button.style = action.style;
  return button;
}

/**
 * Keeps the block count within `max`. Read-only groups are dropped from the end (never the inputs or
 * buttons) and replaced by one context notice, so the reader sees that something was left out.
 */
function fitBlocks(groups: Group[], max: number, spec: CardSpec): Block[] {
  const count = (gs: Group[]) => gs.reduce((n, g) => n + g.blocks.length, 0);
  if (count(groups) <= max) return groups.flatMap((g) => g.blocks);
  const kept = [...groups];
  let droppedGroups = 0;
  let firstDropped = kept.length;
  for (let i = kept.length - 1; i >= 0 && count(kept) + 1 > max; i--) {
    const g = kept[i];
    if (!g || g.keep || g.blocks.length === 0) continue;
    kept[i] = { blocks: [], keep: false };
    droppedGroups++;
    firstDropped = i;
  }
  if (count(kept) + 1 > max) {
    throw new RangeError(`card ${spec.kind}: its inputs and buttons alone need more than ${max} blocks`);
  }
  const notice: ContextBlock = {
    type: 'context',
    elements: [mrkdwn(escapeMrkdwn(overflowNotice(spec.overflowText, droppedGroups)))],
  };
  kept.splice(firstDropped, 0, { blocks: [notice], keep: true });
  return kept.flatMap((g) => g.blocks);
}
