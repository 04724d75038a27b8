// CardSpec → Adaptive Card 1.5 (Teams bot messages, the web playground).
// Buttons are Action.Execute (Universal Actions) with an Action.Submit fallback carrying the same data,
// so Teams clients without Universal Actions still send the verb back.
import {
  AC_CAP_LEVELS,
  AC_MAX_ACTIONS_PER_SET,
  AC_VERSION,
  type AdaptiveCaps,
  TEAMS_CARD_BUDGET_BYTES,
} from './limits.js';
import {
  actionPayload,
  assertUniqueInputIds,
  capOptions,
  isInteractive,
  overflowNotice,
  selectedValues,
  truncate,
} from './render-utils.js';
import type {
  ActionElement,
  ActionStyle,
  CardElement,
  CardSpec,
  ChoiceInputElement,
  TextElement,
  TextInputElement,
} from './spec.js';

export const ADAPTIVE_CARD_SCHEMA_URL = 'http://adaptivecards.io/schemas/adaptive-card.json';

export interface AcTextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  style?: 'heading';
  size?: 'Small' | 'Medium' | 'Large';
  weight?: 'Bolder';
  isSubtle?: true;
}

export interface AcFactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
}

export interface AcChoiceSet {
  type: 'Input.ChoiceSet';
  id: string;
  label: string;
  choices: { title: string; value: string }[];
  style: 'compact' | 'expanded';
  isMultiSelect?: true;
  value?: string;
  placeholder?: string;
  isRequired?: true;
  errorMessage?: string;
  wrap: true;
}

export interface AcTextInput {
  type: 'Input.Text';
  id: string;
  label: string;
  placeholder?: string;
  value?: string;
  isMultiline?: true;
  maxLength?: number;
  isRequired?: true;
  errorMessage?: string;
}

export interface AcImage {
  type: 'Image';
  url: string;
  altText: string;
}

export interface AcContainer {
  type: 'Container';
  separator: true;
  spacing: 'Medium';
  items: AcElement[];
}

export interface AcSubmitAction {
  type: 'Action.Submit';
  title: string;
  data: Record<string, string>;
  style?: 'positive' | 'destructive';
  associatedInputs?: 'none';
}

export interface AcExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, string>;
  style?: 'positive' | 'destructive';
  associatedInputs?: 'none';
  fallback: AcSubmitAction;
}

export interface AcActionSet {
  type: 'ActionSet';
  actions: AcExecuteAction[];
}

export type AcElement = AcTextBlock | AcFactSet | AcChoiceSet | AcTextInput | AcImage | AcContainer | AcActionSet;

export interface AdaptiveCardJson {
  $schema: typeof ADAPTIVE_CARD_SCHEMA_URL;
  type: 'AdaptiveCard';
  version: typeof AC_VERSION;
  body: AcElement[];
  actions?: AcExecuteAction[];
  fallbackText?: string;
}

export interface AdaptiveRenderOptions {
  /** Size budget as measured by `adaptiveCardSize`; default `TEAMS_CARD_BUDGET_BYTES`. */
  maxBytes?: number;
}

/**
 * Bytes a card's JSON takes: the larger of its UTF-8 and UTF-16 encodings, because the Bot Service
 * may count either (its ~100 KB limit is documented in UTF-16).
 */
export function adaptiveCardSize(json: unknown): number {
  const s = JSON.stringify(json);
  return Math.max(new TextEncoder().encode(s).length, s.length * 2);
}

/**
 * Renders a spec as an Adaptive Card 1.5 that fits `maxBytes`: texts and option lists are cut visibly
 * (ending with '…', or a "+N" notice) in steps until it fits; as a last resort trailing read-only
 * elements are replaced by one notice. Throws a RangeError when even that cannot fit (never returns
 * a card Teams would refuse), or when the spec itself is broken (duplicate input ids, empty choice).
 */
export function renderAdaptiveCard(spec: CardSpec, opts: AdaptiveRenderOptions = {}): AdaptiveCardJson {
  assertUniqueInputIds(spec);
  const budget = opts.maxBytes ?? TEAMS_CARD_BUDGET_BYTES;
  for (const caps of AC_CAP_LEVELS) {
    const card = buildCard(spec, caps, new Set());
    if (adaptiveCardSize(card) <= budget) return card;
  }
  // Still too large at the smallest caps: drop read-only elements from the end, one at a time.
  const caps = AC_CAP_LEVELS[AC_CAP_LEVELS.length - 1]!;
  const droppable = spec.elements.map((el, i) => (isInteractive(el) ? -1 : i)).filter((i) => i >= 0);
  const dropped = new Set<number>();
  while (droppable.length > 0) {
    dropped.add(droppable.pop()!);
    const card = buildCard(spec, caps, dropped);
    if (adaptiveCardSize(card) <= budget) return card;
  }
  throw new RangeError(`card ${spec.kind}: cannot fit ${budget} bytes even with every read-only element left out`);
}

function buildCard(spec: CardSpec, caps: AdaptiveCaps, dropped: ReadonlySet<number>): AdaptiveCardJson {
  const body: AcElement[] = [];
  if (spec.title) {
    body.push({
      type: 'TextBlock',
      text: truncate(spec.title, caps.text),
      wrap: true,
      style: 'heading',
      size: 'Large',
      weight: 'Bolder',
    });
  }
  let topLevel: AcExecuteAction[] | undefined;
  let noticeShown = false;
  const lastIndex = spec.elements.length - 1;
  spec.elements.forEach((el, i) => {
    if (dropped.has(i)) {
      if (!noticeShown) body.push(subtle(overflowNotice(spec.overflowText, dropped.size)));
      noticeShown = true;
      return;
    }
    if (el.type === 'actions') {
      const rendered = el.actions.map((a) => renderAction(a, caps));
      // A final row of buttons goes to the card's own action bar, like hand-written cards do.
      if (i === lastIndex && rendered.length > 0 && rendered.length <= AC_MAX_ACTIONS_PER_SET) {
        topLevel = rendered;
        return;
      }
      for (let start = 0; start < rendered.length; start += AC_MAX_ACTIONS_PER_SET) {
        body.push({ type: 'ActionSet', actions: rendered.slice(start, start + AC_MAX_ACTIONS_PER_SET) });
      }
      return;
    }
    body.push(...renderElement(el, caps, spec.overflowText));
  });
  const card: AdaptiveCardJson = { $schema: ADAPTIVE_CARD_SCHEMA_URL, type: 'AdaptiveCard', version: AC_VERSION, body };
  if (topLevel) card.actions = topLevel;
  if (spec.fallbackText) card.fallbackText = truncate(spec.fallbackText, caps.text);
  return card;
}

function renderElement(
  el: Exclude<CardElement, { type: 'actions' }>,
  caps: AdaptiveCaps,
  overflowText: string | undefined,
): AcElement[] {
  switch (el.type) {
    case 'text':
      return el.text ? [renderText(el, caps)] : [];
    case 'facts':
      if (el.facts.length === 0) return [];
      return [
        {
          type: 'FactSet',
          facts: el.facts.map((f) => ({
            title: truncate(f.label, caps.factTitle),
            value: truncate(f.value, caps.factValue),
          })),
        },
      ];
    case 'choice':
      return renderChoice(el, caps, overflowText);
    case 'input':
      return [renderTextInput(el, caps)];
    case 'image':
      return [{ type: 'Image', url: el.url, altText: truncate(el.alt, caps.label) }];
    case 'divider':
      // An empty Container is the schema's way to draw a separator line on its own.
      return [{ type: 'Container', separator: true, spacing: 'Medium', items: [] }];
  }
}

function renderText(el: TextElement, caps: AdaptiveCaps): AcTextBlock {
  const text = truncate(el.text, caps.text);
  if (el.style === 'heading')
    return { type: 'TextBlock', text, wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' };
  if (el.style === 'subtle') return subtle(text);
  return { type: 'TextBlock', text, wrap: true };
}

function subtle(text: string): AcTextBlock {
  return { type: 'TextBlock', text, wrap: true, size: 'Small', isSubtle: true };
}

function renderChoice(el: ChoiceInputElement, caps: AdaptiveCaps, overflowText: string | undefined): AcElement[] {
  if (el.options.length === 0) throw new RangeError(`choice "${el.id}" has no options`);
  const selected = selectedValues(el);
  const options = capOptions(el.options, caps.choices, selected);
  const kept = new Set(options.map((o) => o.value));
  const value = [...selected].filter((v) => kept.has(v)).join(',');
  const label = truncate(el.label, caps.label);
  const set: AcChoiceSet = {
    type: 'Input.ChoiceSet',
    id: el.id,
    label,
    choices: options.map((o) => ({ title: truncate(o.label, caps.choiceTitle), value: o.value })),
    style: el.expanded ? 'expanded' : 'compact',
    wrap: true,
  };
  if (el.multiple) set.isMultiSelect = true;
  if (value) set.value = value;
  if (el.placeholder && !el.expanded && !el.multiple) set.placeholder = truncate(el.placeholder, caps.label);
  if (el.required) {
    set.isRequired = true;
    // Teams shows errorMessage under an unmet required input; without one the label says what is missing.
    set.errorMessage = truncate(el.errorMessage || el.label, caps.label);
  }
  const hidden = el.options.length - options.length;
  return hidden > 0 ? [set, subtle(overflowNotice(overflowText, hidden))] : [set];
}

function renderTextInput(el: TextInputElement, caps: AdaptiveCaps): AcTextInput {
  const input: AcTextInput = { type: 'Input.Text', id: el.id, label: truncate(el.label, caps.label) };
  if (el.placeholder) input.placeholder = truncate(el.placeholder, caps.label);
  if (el.value) input.value = truncate(el.value, Math.min(el.maxLength ?? caps.text, caps.text));
  if (el.multiline) input.isMultiline = true;
  if (el.maxLength) input.maxLength = el.maxLength;
  if (el.required) {
    input.isRequired = true;
    input.errorMessage = truncate(el.errorMessage || el.label, caps.label);
  }
  return input;
}

const STYLES: Record<ActionStyle, AcExecuteAction['style']> = {
  primary: 'positive',
  danger: 'destructive',
  default: undefined,
};

function renderAction(action: ActionElement, caps: AdaptiveCaps): AcExecuteAction {
  const title = truncate(action.label, caps.actionTitle);
  const style = STYLES[action.style ?? 'default'];
  // A plain button must not trip the card's required-input validation, nor send half-filled inputs.
  const extra = {
    ...(style ? { style } : {}),
    ...(action.submitsInputs ? {} : { associatedInputs: 'none' as const }),
  };
  return {
    type: 'Action.Execute',
    title,
    verb: action.verb,
    data: actionPayload(action),
    ...extra,
    fallback: { type: 'Action.Submit', title, data: actionPayload(action), ...extra },
  };
}
