// When a card opens as a modal, and what the modal carries back.
//
// The rule: a button whose verb ends in `.open` asks for a form. The adapter passes that click to the core and,
// when the core's reply holds a card with inputs, shows that card as a modal (views.open, within the trigger's 3 s).
// Every other card, inputs included, is posted as a message in the DM: Slack shows input blocks in messages and the
// submitting button sends their state along, so no card depends on a modal to work.
//
// The modal's private_metadata carries the submitting action (verb + data, as a button value would), the message the
// click came from (so the core can replace that card after the submit) and the required inputs' error texts (so a
// blank answer gets Slack's inline error instead of a round trip).
import { type ModalView, parseBlockKitActionValue, renderBlockKitModal } from '../../cards/blockkit.js';
import { SLACK_CALLBACK_ID_MAX, SLACK_PRIVATE_METADATA_MAX } from '../../cards/limits.js';
import type { CardSpec } from '../../cards/spec.js';
import type { MessageRef, Outbound } from '../../bot/core/types.js';

export const OPEN_VERB_SUFFIX = '.open';

export interface ModalMetadata {
  verb: string;
  data: Record<string, string>;
  message?: { channelId: string; messageId: string };
  /** Required input id → the error text to show when it is left blank. */
  required: Record<string, string>;
}

interface Wire {
  a: Record<string, string>;
  m?: [string, string];
  r?: Record<string, string>;
}

export const hasInputs = (spec: CardSpec | undefined): spec is CardSpec =>
  spec?.elements.some((el) => el.type === 'input' || el.type === 'choice') ?? false;

/** The reply to show as a modal for a click on `verb`, if the rule above says so. */
export function modalCandidate(verb: string, replies: readonly Outbound[]): Outbound | undefined {
  if (!verb.endsWith(OPEN_VERB_SUFFIX)) return undefined;
  return replies.find((out) => !out.replaces && hasInputs(out.card));
}

/** The modal view for a card, or undefined when it cannot be one (no submit action, metadata too large). */
export function modalFromCard(spec: CardSpec, origin: MessageRef | undefined): ModalView | undefined {
  const submit = spec.elements.flatMap((el) => (el.type === 'actions' ? el.actions : [])).find((a) => a.submitsInputs);
  if (!submit) return undefined;
  const metadata = encodeModalMetadata(spec, { ...submit.data, verb: submit.verb }, origin);
  if (metadata === undefined) return undefined;
  try {
    return renderBlockKitModal(spec, {
      callbackId: submit.verb.length <= SLACK_CALLBACK_ID_MAX ? submit.verb : 'leerkans.modal',
      privateMetadata: metadata,
    });
  } catch {
    // A card the renderer cannot fit into a modal still works as a message.
    return undefined;
  }
}

export function encodeModalMetadata(
  spec: CardSpec,
  action: Record<string, string>,
  origin: MessageRef | undefined,
): string | undefined {
  const wire: Wire = { a: action };
  if (origin) wire.m = [origin.channelId, origin.messageId];
  const required: Record<string, string> = {};
  for (const el of spec.elements) {
    if ((el.type === 'input' || el.type === 'choice') && el.required && el.errorMessage) {
      required[el.id] = el.errorMessage;
    }
  }
  if (Object.keys(required).length > 0) wire.r = required;
  let text = JSON.stringify(wire);
  if (text.length > SLACK_PRIVATE_METADATA_MAX && wire.r) {
    // The error texts are a nicety; Slack still refuses blank required inputs without them.
    delete wire.r;
    text = JSON.stringify(wire);
  }
  return text.length <= SLACK_PRIVATE_METADATA_MAX ? text : undefined;
}

export function decodeModalMetadata(raw: string | undefined): ModalMetadata | undefined {
  if (!raw) return undefined;
  let wire: Partial<Wire>;
  try {
    wire = JSON.parse(raw) as Partial<Wire>;
  } catch {
    return undefined;
  }
  if (typeof wire !== 'object' || wire === null) return undefined;
  const action = parseBlockKitActionValue(JSON.stringify(wire.a ?? null));
  if (!action) return undefined;
  const metadata: ModalMetadata = { verb: action.verb, data: action.data, required: {} };
  const m = wire.m;
  if (Array.isArray(m) && typeof m[0] === 'string' && typeof m[1] === 'string') {
    metadata.message = { channelId: m[0], messageId: m[1] };
  }
  if (wire.r && typeof wire.r === 'object') {
    for (const [id, text] of Object.entries(wire.r)) if (typeof text === 'string') metadata.required[id] = text;
  }
  return metadata;
}

/** Inline errors for required inputs left blank (whitespace passes Slack's own check). */
export function blankRequiredErrors(
  metadata: ModalMetadata,
  inputs: Record<string, string>,
): Record<string, string> | undefined {
  const errors: Record<string, string> = {};
  for (const [id, text] of Object.entries(metadata.required)) {
    if ((inputs[id] ?? '').trim() === '') errors[id] = text;
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}
