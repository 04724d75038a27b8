import { describe, expect, it } from 'vitest';
import { checkBlockKitLimits } from '../../cards/blockkit-limits.js';
import {
  type ActionsBlock,
  type InputBlock,
  parseBlockKitActionValue,
  renderBlockKit,
  renderBlockKitModal,
  type SectionBlock,
  verbFromActionId,
} from '../../cards/blockkit.js';
import { SLACK_MESSAGE_MAX_BLOCKS, SLACK_MODAL_MAX_BLOCKS } from '../../cards/limits.js';
import { actions, type CardSpec, card, choice, facts, text, textInput } from '../../cards/spec.js';
import { representativeSpecs } from './specs.js';

const minimal = (elements: CardSpec['elements'], extra: Partial<CardSpec> = {}): CardSpec =>
  card({ kind: 'test', fallbackText: 'fallback', elements, ...extra });
const options = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `o${i}`, label: `Option ${i}` }));

describe('Block Kit output stays within Slack limits', () => {
  for (const [name, spec] of Object.entries(representativeSpecs)) {
    it(`${name}: message and modal pass checkBlockKitLimits`, () => {
      expect(checkBlockKitLimits(renderBlockKit(spec))).toEqual([]);
      expect(checkBlockKitLimits(renderBlockKitModal(spec, { callbackId: spec.kind, submitLabel: 'OK' }))).toEqual([]);
    });
  }
});

describe('renderBlockKit (message)', () => {
  it('maps title and heading to header blocks, text to mrkdwn sections, subtle text to context', () => {
    const msg = renderBlockKit(
      minimal([text('H', 'heading'), text('a & b <c>'), text('small', 'subtle')], { title: 'T' }),
    );
    expect(msg.blocks.map((b) => b.type)).toEqual(['header', 'header', 'section', 'context']);
    expect((msg.blocks[2] as SectionBlock).text).toEqual({ type: 'mrkdwn', text: 'a &amp; b &lt;c&gt;' });
    expect(msg.text).toBe('fallback');
  });

  it('turns a heading over 150 characters into a section instead of cutting it', () => {
    const long = 'k'.repeat(151);
    const msg = renderBlockKit(minimal([text(long, 'heading')]));
    expect(msg.blocks[0]).toEqual({ type: 'section', text: { type: 'plain_text', text: long } });
  });

  it('cuts long texts visibly at 3000 characters, counting the escaped form', () => {
    const msg = renderBlockKit(minimal([text('&'.repeat(1000))]));
    const shown = (msg.blocks[0] as SectionBlock).text?.text ?? '';
    expect(shown.length).toBeLessThanOrEqual(3000);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.slice(0, -1)).toMatch(/^(&amp;)+$/);
  });

  it('splits facts into sections of at most 10 fields', () => {
    const msg = renderBlockKit(
      minimal([facts(Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: 'v' })))]),
    );
    expect(msg.blocks.map((b) => (b as SectionBlock).fields?.length)).toEqual([10, 10, 3]);
  });

  it('puts choices beside their label: radio for ≤10 expanded, select otherwise, multi-select as accessory', () => {
    const msg = renderBlockKit(
      minimal([
        choice({ id: 'a', label: 'A', expanded: true, options: options(5), value: 'o2' }),
        choice({ id: 'b', label: 'B', expanded: true, options: options(11) }),
        choice({ id: 'c', label: 'C', multiple: true, options: options(5), value: 'o1,o3' }),
        choice({ id: 'd', label: 'D', multiple: true, expanded: true, options: options(3) }),
      ]),
    );
    const accessories = msg.blocks.map((b) => (b as SectionBlock).accessory);
    expect(accessories.map((a) => a?.type)).toEqual([
      'radio_buttons',
      'static_select',
      'multi_static_select',
      'checkboxes',
    ]);
    expect(accessories[0]).toMatchObject({ action_id: 'a', initial_option: { value: 'o2' } });
    expect(accessories[2]).toMatchObject({ initial_options: [{ value: 'o1' }, { value: 'o3' }] });
    expect(msg.blocks.every((b) => b.type === 'section')).toBe(true);
    expect(checkBlockKitLimits(msg)).toEqual([]);
  });

  it('caps selects at 100 options with a visible notice and keeps the preselected one', () => {
    const msg = renderBlockKit(
      minimal([choice({ id: 'c', label: 'Pick', options: options(130), value: 'o129' })], {
        overflowText: '+{count} meer',
      }),
    );
    const section = msg.blocks[0] as SectionBlock;
    expect(section.accessory?.options).toHaveLength(100);
    expect(section.accessory).toMatchObject({ initial_option: { value: 'o129' } });
    expect(section.text?.text).toBe('*Pick*\n+30 meer');
    expect(checkBlockKitLimits(msg)).toEqual([]);
  });

  it('renders buttons with action_id = verb, JSON value with the verb, styles, 25 per actions block', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      verb: i < 2 ? 'same' : `v${i}`,
      label: `B${i}`,
      data: { i: `${i}` },
    }));
    const msg = renderBlockKit(minimal([actions({ verb: 'go', label: 'Go', style: 'danger' }, ...many)]));
    const blocks = msg.blocks as ActionsBlock[];
    expect(blocks.map((b) => b.elements.length)).toEqual([25, 6]);
    const [go, same1, same2] = blocks[0]!.elements;
    expect(go).toMatchObject({ action_id: 'go', style: 'danger', value: '{"verb":"go"}' });
    expect(same1?.action_id).toBe('same');
    expect(same2?.action_id).toBe('same#2');
    expect(verbFromActionId(same2!.action_id)).toBe('same');
    expect(verbFromActionId('plain.verb')).toBe('plain.verb');
    expect(parseBlockKitActionValue(same2!.value)).toEqual({ verb: 'same', data: { i: '1' } });
    expect(parseBlockKitActionValue('not json')).toBeUndefined();
    expect(checkBlockKitLimits(msg)).toEqual([]);
  });

  it('renders text inputs as input blocks with max_length within 1..3000 and a fitting initial value', () => {
    const msg = renderBlockKit(
      minimal([textInput({ id: 'n', label: 'Note', maxLength: 5000, value: 'x'.repeat(4000), required: true })]),
    );
    const input = msg.blocks[0] as InputBlock;
    expect(input).toMatchObject({ type: 'input', block_id: 'n', optional: false, element: { max_length: 3000 } });
    expect(input.element.type === 'plain_text_input' && input.element.initial_value?.length).toBe(3000);
    expect(checkBlockKitLimits(msg)).toEqual([]);
  });

  it('drops read-only blocks from the end with a notice when over 50 blocks, keeping inputs and buttons', () => {
    const spec = minimal([
      textInput({ id: 'a', label: 'A' }),
      ...Array.from({ length: 70 }, (_, i) => text(`p${i}`)),
      actions({ verb: 'go', label: 'Go' }),
    ]);
    const msg = renderBlockKit(spec);
    expect(msg.blocks).toHaveLength(SLACK_MESSAGE_MAX_BLOCKS);
    expect(msg.blocks[0]?.type).toBe('input');
    expect(msg.blocks.at(-1)?.type).toBe('actions');
    expect(msg.blocks.at(-2)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '+23 …' }] });
    expect(checkBlockKitLimits(msg)).toEqual([]);
  });

  it('throws instead of cutting identifiers and payloads', () => {
    expect(() =>
      renderBlockKit(minimal([choice({ id: 'c', label: 'C', options: [{ value: 'v'.repeat(151), label: 'x' }] })])),
    ).toThrow(/option value/);
    expect(() =>
      renderBlockKit(minimal([actions({ verb: 'v', label: 'x', data: { big: 'x'.repeat(2000) } })])),
    ).toThrow(/button value/);
    expect(() => renderBlockKit(minimal([actions({ verb: 'v'.repeat(256), label: 'x' })]))).toThrow(/action_id/);
    const inputs = Array.from({ length: 60 }, (_, i) => textInput({ id: `i${i}`, label: 'x' }));
    expect(() => renderBlockKit(minimal(inputs))).toThrow(/more than 50 blocks/);
  });

  it('cuts the message text at 40,000 characters', () => {
    const msg = renderBlockKit(minimal([], { fallbackText: 'y'.repeat(50_000) }));
    expect(msg.text).toHaveLength(40_000);
    expect(msg.text.endsWith('…')).toBe(true);
  });
});

describe('renderBlockKitModal', () => {
  const spec = representativeSpecs['feedback-request']!;

  it('uses input blocks, the submitting action as submit, its payload as private_metadata', () => {
    const view = renderBlockKitModal(spec, {
      callbackId: 'feedback.submit',
      title: 'Feedback',
      closeLabel: 'Annuleren',
    });
    expect(view).toMatchObject({
      type: 'modal',
      title: { type: 'plain_text', text: 'Feedback' },
      submit: { type: 'plain_text', text: 'Feedback versturen' },
      close: { type: 'plain_text', text: 'Annuleren' },
      callback_id: 'feedback.submit',
    });
    expect(parseBlockKitActionValue(view.private_metadata ?? '')).toEqual({
      verb: 'feedback.submit',
      data: { requestId: 'fr_01HZX3' },
    });
    const inputs = view.blocks.filter((b): b is InputBlock => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.element.type, b.optional])).toEqual([
      ['indicator', 'static_select', false],
      ['level', 'radio_buttons', false],
      ['went_well', 'plain_text_input', true],
      ['next_step', 'plain_text_input', false],
    ]);
    // The submit button is the modal's own; only the plain button stays in the body.
    const buttons = view.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    expect(buttons.map((b) => b.action_id)).toEqual(['feedback.snooze']);
    expect(view.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: spec.title } });
  });

  it('cuts the title and button labels to 24 characters and repeats a cut title in full', () => {
    const view = renderBlockKitModal(
      minimal([textInput({ id: 'a', label: 'A' })], { title: 'Een hele lange titel die niet past' }),
      {
        callbackId: 'cb',
        submitLabel: 'Versturen naar je mentor nu',
        closeLabel: 'Sluiten zonder op te slaan',
      },
    );
    expect(view.title.text).toBe('Een hele lange titel di…');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit?.text.length).toBeLessThanOrEqual(24);
    expect(view.close?.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Een hele lange titel die niet past' } });
    expect(checkBlockKitLimits(view)).toEqual([]);
  });

  it('allows 100 blocks, and refuses what it cannot express', () => {
    const many = minimal(
      Array.from({ length: 90 }, (_, i) => textInput({ id: `i${i}`, label: 'x' })),
      { title: 'T' },
    );
    const view = renderBlockKitModal(many, { callbackId: 'cb', submitLabel: 'OK' });
    expect(view.blocks.length).toBeLessThanOrEqual(SLACK_MODAL_MAX_BLOCKS);
    expect(checkBlockKitLimits(view)).toEqual([]);
    expect(() => renderBlockKitModal(minimal([textInput({ id: 'a', label: 'A' })]), { callbackId: 'cb' })).toThrow(
      /title/,
    );
    expect(() => renderBlockKitModal(many, { callbackId: 'cb' })).toThrow(/submit/);
    expect(() => renderBlockKitModal(many, { callbackId: 'c'.repeat(256), submitLabel: 'OK' })).toThrow(/callback_id/);
    expect(() =>
      renderBlockKitModal(many, { callbackId: 'cb', submitLabel: 'OK', privateMetadata: 'm'.repeat(3001) }),
    ).toThrow(/private_metadata/);
  });

  it('shows an option overflow as the input hint', () => {
    const view = renderBlockKitModal(
      minimal([choice({ id: 'c', label: 'C', options: options(101) })], { title: 'T' }),
      {
        callbackId: 'cb',
        submitLabel: 'OK',
      },
    );
    expect(view.blocks[0]).toMatchObject({ type: 'input', hint: { type: 'plain_text', text: '+1 …' } });
  });
});
