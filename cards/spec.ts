// Platform-neutral card specs. A card is plain data until an adapter renders it:
// cards/adaptive.ts → Adaptive Cards 1.5 (Teams, playground), cards/blockkit.ts → Slack Block Kit.
// Every string in a card is already localised by the core; renderers never translate.

export type TextStyle = 'heading' | 'subtle' | 'normal';

export interface TextElement {
  type: 'text';
  text: string;
  style?: TextStyle;
}

export interface FactsElement {
  type: 'facts';
  facts: { label: string; value: string }[];
}

export interface ChoiceOption {
  value: string;
  label: string;
}

export interface ChoiceInputElement {
  type: 'choice';
  id: string;
  label: string;
  options: ChoiceOption[];
  value?: string;
  required?: boolean;
  /** Shown when `required` is not met. */
  errorMessage?: string;
  /** Several values may be chosen (a multi-select). */
  multiple?: boolean;
  /** Radio-button style when the platform has one; a dropdown otherwise. */
  expanded?: boolean;
  /** Shown in an empty dropdown (compact, single choice). */
  placeholder?: string;
}

export interface TextInputElement {
  type: 'input';
  id: string;
  label: string;
  placeholder?: string;
  value?: string;
  multiline?: boolean;
  required?: boolean;
  errorMessage?: string;
  maxLength?: number;
}

export interface ImageElement {
  type: 'image';
  url: string;
  alt: string;
}

export interface DividerElement {
  type: 'divider';
}

export type ActionStyle = 'primary' | 'danger' | 'default';

export interface ActionElement {
  /** Stable verb the core routes on, e.g. `feedback.submit`. */
  verb: string;
  label: string;
  /** Extra data echoed back on submit. Untrusted when it comes back: the core re-checks it. */
  data?: Record<string, string>;
  style?: ActionStyle;
  /** Whether the action gathers the card's inputs (a submit) or is a plain button. */
  submitsInputs?: boolean;
}

export interface ActionsElement {
  type: 'actions';
  actions: ActionElement[];
}

export type CardElement =
  | TextElement
  | FactsElement
  | ChoiceInputElement
  | TextInputElement
  | ImageElement
  | DividerElement
  | ActionsElement;

export interface CardSpec {
  /** Identifies the card kind for logs and tests, e.g. `feedback-request`. */
  kind: string;
  title?: string;
  elements: CardElement[];
  /** Plain-text fallback for notifications and clients that cannot show cards. */
  fallbackText: string;
  /**
   * Localised notice shown where a renderer had to leave items out to stay within a platform limit;
   * `{count}` is replaced by the number left out. Renderers never translate, so the core supplies it
   * (default: '+{count} …').
   */
  overflowText?: string;
}

// Small builders keep flows readable; they only construct data.
export const text = (value: string, style?: TextStyle): TextElement =>
  style ? { type: 'text', text: value, style } : { type: 'text', text: value };
export const facts = (items: { label: string; value: string }[]): FactsElement => ({ type: 'facts', facts: items });
export const divider = (): DividerElement => ({ type: 'divider' });
export const image = (url: string, alt: string): ImageElement => ({ type: 'image', url, alt });
export const actions = (...items: ActionElement[]): ActionsElement => ({ type: 'actions', actions: items });
export const choice = (input: Omit<ChoiceInputElement, 'type'>): ChoiceInputElement => ({ type: 'choice', ...input });
export const textInput = (input: Omit<TextInputElement, 'type'>): TextInputElement => ({ type: 'input', ...input });
export const card = (spec: CardSpec): CardSpec => spec;
