// The checker must catch what Slack would refuse; otherwise "no violations" in the other tests means nothing.
import { describe, expect, it } from 'vitest';
import { checkBlockKitLimits } from '../../cards/blockkit-limits.js';

const pt = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const opt = (value: string, text = value) => ({ text: pt(text), value });
const message = (...blocks: unknown[]) => ({ text: 'fallback', blocks });
const modal = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: pt('Title'),
  submit: pt('OK'),
  callback_id: 'cb',
  blocks,
  ...extra,
});

/** Asserts exactly one violation whose text matches. */
function expectViolation(payload: unknown, pattern: RegExp): void {
  const problems = checkBlockKitLimits(payload);
  expect(problems, problems.join('\n')).toHaveLength(1);
  expect(problems[0]).toMatch(pattern);
}

describe('checkBlockKitLimits', () => {
  it('accepts a valid message and a valid modal', () => {
    expect(checkBlockKitLimits(message({ type: 'section', text: md('hi') }, { type: 'divider' }))).toEqual([]);
    expect(
      checkBlockKitLimits(modal([{ type: 'input', label: pt('L'), element: { type: 'plain_text_input' } }])),
    ).toEqual([]);
  });

  it('counts blocks: 50 per message, 100 per modal', () => {
    const divs = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));
    expect(checkBlockKitLimits(message(...divs(50)))).toEqual([]);
    expectViolation(message(...divs(51)), /51 blocks, message limit 50/);
    expect(checkBlockKitLimits(modal(divs(100)))).toEqual([]);
    expectViolation(modal(divs(101)), /101 blocks, modal limit 100/);
  });

  it('checks text lengths: message text, section text, header, fields, empty texts', () => {
    expectViolation({ text: 'x'.repeat(40_001), blocks: [] }, /^text: 40001 chars, limit 40000/);
    expectViolation(
      message({ type: 'section', text: md('x'.repeat(3001)) }),
      /section.*text\.text: 3001 chars, limit 3000/,
    );
    expectViolation(message({ type: 'header', text: pt('x'.repeat(151)) }), /header.*limit 150/);
    expectViolation(message({ type: 'header', text: md('bold') }), /must be plain_text/);
    expectViolation(message({ type: 'section', text: md('') }), /text\.text: empty/);
    expectViolation(message({ type: 'section' }), /needs text or fields/);
    const fields = (n: number, len = 5) => Array.from({ length: n }, () => md('x'.repeat(len)));
    expectViolation(message({ type: 'section', fields: fields(11) }), /11 fields, limit 10/);
    expectViolation(message({ type: 'section', fields: fields(1, 2001) }), /fields\[0\]\.text: 2001 chars, limit 2000/);
    expectViolation(message({ type: 'context', elements: fields(11) }), /11 elements, limit 10/);
  });

  it('checks actions blocks: 25 elements, allowed element types, button text/value/style, duplicate action_id', () => {
    const button = (i: number, extra: Record<string, unknown> = {}) => ({
      type: 'button',
      text: pt(`B${i}`),
      action_id: `a${i}`,
      ...extra,
    });
    const buttons = (n: number) => Array.from({ length: n }, (_, i) => button(i));
    expect(checkBlockKitLimits(message({ type: 'actions', elements: buttons(25) }))).toEqual([]);
    expectViolation(message({ type: 'actions', elements: buttons(26) }), /26 elements, limit 25/);
    expectViolation(message({ type: 'actions', elements: [button(0, { text: pt('x'.repeat(76)) })] }), /limit 75/);
    expectViolation(
      message({ type: 'actions', elements: [button(0, { value: 'v'.repeat(2001) })] }),
      /value: 2001 chars/,
    );
    expectViolation(
      message({ type: 'actions', elements: [button(0, { style: 'secondary' })] }),
      /not primary or danger/,
    );
    expectViolation(message({ type: 'actions', elements: [button(0, { action_id: 'a'.repeat(256) })] }), /limit 255/);
    expectViolation(message({ type: 'actions', elements: [button(0), button(0)] }), /"a0" is used twice/);
    expectViolation(
      message({ type: 'actions', elements: [{ type: 'multi_static_select', action_id: 'm', options: [opt('a')] }] }),
      /not allowed here/,
    );
    expectViolation(message({ type: 'actions', elements: [] }), /elements: empty/);
  });

  it('checks selects and options: 100 options, 10 radio/checkbox options, option text 75, value 150, initial option', () => {
    const options = (n: number) => Array.from({ length: n }, (_, i) => opt(`o${i}`));
    const select = (extra: Record<string, unknown>) =>
      message({ type: 'section', text: md('Pick'), accessory: { type: 'static_select', action_id: 's', ...extra } });
    expect(checkBlockKitLimits(select({ options: options(100) }))).toEqual([]);
    expectViolation(select({ options: options(101) }), /101 options, limit 100/);
    expectViolation(select({ options: [opt('a', 'x'.repeat(76))] }), /options\[0\]\.text\.text: 76 chars, limit 75/);
    expectViolation(select({ options: [opt('v'.repeat(151), 'V')] }), /options\[0\]\.value: 151 chars, limit 150/);
    expectViolation(select({ options: [opt('a'), opt('a')] }), /"a" is used twice/);
    expectViolation(select({ options: [opt('a')], initial_option: opt('b') }), /initial option "b" is not one of/);
    expectViolation(select({ options: [opt('a')], placeholder: pt('p'.repeat(151)) }), /placeholder.*limit 150/);
    const radio = (n: number) =>
      message({
        type: 'section',
        text: md('R'),
        accessory: { type: 'radio_buttons', action_id: 'r', options: options(n) },
      });
    expect(checkBlockKitLimits(radio(10))).toEqual([]);
    expectViolation(radio(11), /11 options, limit 10/);
  });

  it('checks input blocks and text inputs', () => {
    const input = (element: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      modal([{ type: 'input', block_id: 'b', label: pt('L'), element: { action_id: 'a', ...element }, ...extra }]);
    expectViolation(input({ type: 'plain_text_input' }, { label: pt('x'.repeat(2001)) }), /label.*limit 2000/);
    expectViolation(input({ type: 'plain_text_input' }, { hint: pt('x'.repeat(2001)) }), /hint.*limit 2000/);
    expectViolation(input({ type: 'plain_text_input', max_length: 3001 }), /max_length: 3001 is outside 1\.\.3000/);
    expectViolation(
      input({ type: 'plain_text_input', max_length: 5, initial_value: 'toolong' }),
      /initial_value: 7 chars, limit 5/,
    );
    expectViolation(input({ type: 'button', text: pt('B') }), /not allowed here/);
    expectViolation(modal([{ type: 'input', label: pt('L') }]), /element: missing/);
  });

  it('checks images, block ids and unknown block types', () => {
    expectViolation(
      message({ type: 'image', image_url: 'https://x/y.png', alt_text: 'a'.repeat(2001) }),
      /alt_text.*limit 2000/,
    );
    expectViolation(
      message({ type: 'image', image_url: `https://x/${'y'.repeat(3000)}`, alt_text: 'a' }),
      /image_url.*limit 3000/,
    );
    expectViolation(message({ type: 'image', alt_text: 'a' }), /needs image_url/);
    expectViolation(message({ type: 'divider', block_id: 'b'.repeat(256) }), /block_id.*limit 255/);
    expectViolation(
      message({ type: 'divider', block_id: 'x' }, { type: 'divider', block_id: 'x' }),
      /"x" is used twice/,
    );
    expectViolation(message({ type: 'hologram' }), /unknown block type/);
  });

  it('checks modal fields: title 24, submit/close 24, callback_id 255, private_metadata 3000, submit with inputs', () => {
    expectViolation(modal([], { title: pt('x'.repeat(25)) }), /^title\.text: 25 chars, limit 24/);
    expectViolation(modal([], { title: undefined }), /^title: missing/);
    expectViolation(modal([], { submit: pt('x'.repeat(25)) }), /^submit\.text: 25 chars, limit 24/);
    expectViolation(modal([], { close: pt('x'.repeat(25)) }), /^close\.text: 25 chars, limit 24/);
    expectViolation(modal([], { callback_id: 'c'.repeat(256) }), /^callback_id: 256 chars, limit 255/);
    expectViolation(modal([], { private_metadata: 'm'.repeat(3001) }), /^private_metadata: 3001 chars, limit 3000/);
    expectViolation(
      modal([{ type: 'input', label: pt('L'), element: { type: 'plain_text_input' } }], { submit: undefined }),
      /needs a submit button/,
    );
  });

  it('reports non-objects', () => {
    expect(checkBlockKitLimits(null)).toEqual(['payload is not an object']);
    expect(checkBlockKitLimits({ text: 'x' })).toEqual(['blocks: missing or not an array']);
  });
});
