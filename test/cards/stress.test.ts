// One spec with everything too long and too many: both renderers must stay within every limit.
import { describe, expect, it } from 'vitest';
import { type AcChoiceSet, type AcTextBlock, adaptiveCardSize, renderAdaptiveCard } from '../../cards/adaptive.js';
import { checkBlockKitLimits } from '../../cards/blockkit-limits.js';
import { type InputBlock, renderBlockKit, renderBlockKitModal, type SectionBlock } from '../../cards/blockkit.js';
import { TEAMS_CARD_BUDGET_BYTES, TEAMS_MESSAGE_MAX_BYTES } from '../../cards/limits.js';
import { describeErrors, validateForTeams } from './ac-schema.js';
import { stressSpec } from './specs.js';

describe('stress card', () => {
  const spec = stressSpec();

  it('Adaptive Card: validates against the schema, fits the budget and stays under 80 KB', () => {
    const ac = renderAdaptiveCard(spec);
    const result = validateForTeams(ac);
    expect(result.valid, describeErrors(result.errors)).toBe(true);
    const size = adaptiveCardSize(ac);
    expect(size).toBeLessThanOrEqual(TEAMS_CARD_BUDGET_BYTES);
    expect(size).toBeLessThan(TEAMS_MESSAGE_MAX_BYTES);
    expect(Buffer.byteLength(JSON.stringify(ac), 'utf8')).toBeLessThan(TEAMS_MESSAGE_MAX_BYTES);
  });

  it('Adaptive Card: cuts are visible, no input, option or button is lost', () => {
    const ac = renderAdaptiveCard(spec);
    const title = ac.body[0] as AcTextBlock;
    expect(title.text.endsWith('…')).toBe(true);
    const sets = ac.body.filter((e): e is AcChoiceSet => e.type === 'Input.ChoiceSet');
    expect(sets.map((s) => s.choices.length)).toEqual([40, 15, 40]);
    expect(sets.every((s) => s.choices.every((c) => c.title.endsWith('…')))).toBe(true);
    expect(sets[1]?.value).toBe('not_observed');
    const buttons = ac.body.flatMap((e) => (e.type === 'ActionSet' ? e.actions : []));
    expect(buttons).toHaveLength(30);
    expect(new Set(buttons.map((b) => b.data.index)).size).toBe(30);
  });

  it('Slack message: within every limit, 30 buttons in two actions blocks, cut labels end with …', () => {
    const msg = renderBlockKit(spec);
    expect(checkBlockKitLimits(msg)).toEqual([]);
    const buttons = msg.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    expect(buttons).toHaveLength(30);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(30);
    expect(buttons.every((b) => b.text.text.length <= 75 && b.text.text.endsWith('…'))).toBe(true);
    const choices = msg.blocks.filter((b): b is SectionBlock => b.type === 'section' && b.accessory !== undefined);
    expect(choices.map((c) => c.accessory?.type)).toEqual(['static_select', 'static_select', 'multi_static_select']);
    expect(choices.map((c) => c.accessory?.options.length)).toEqual([40, 15, 40]);
  });

  it('Slack modal: within every limit, with every input present', () => {
    const view = renderBlockKitModal(spec, {
      callbackId: 'stress.submit',
      submitLabel: 'Submit this very long form now',
      closeLabel: 'Close without saving anything',
    });
    expect(checkBlockKitLimits(view)).toEqual([]);
    const inputs = view.blocks.filter((b): b is InputBlock => b.type === 'input').map((b) => b.block_id);
    expect(inputs).toEqual(['indicator', 'level', 'tags', 'went_well', 'next_step']);
    // The first submitting action became the modal's submit; the other 29 remain as buttons.
    expect(view.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []))).toHaveLength(29);
  });
});
