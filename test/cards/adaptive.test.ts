import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AcChoiceSet, type AcTextBlock, adaptiveCardSize, renderAdaptiveCard } from '../../cards/adaptive.js';
import { AC_MAX_ACTIONS_PER_SET, TEAMS_MESSAGE_MAX_BYTES } from '../../cards/limits.js';
import { actions, type CardSpec, card, choice, text, textInput } from '../../cards/spec.js';
import { describeErrors, schemaCopyPath, validateForTeams, validateOfficial } from './ac-schema.js';
import { representativeSpecs, stressSpec } from './specs.js';

const minimal = (elements: CardSpec['elements'], extra: Partial<CardSpec> = {}): CardSpec =>
  card({ kind: 'test', fallbackText: 'fallback', elements, ...extra });

/** sha256 of the official adaptive-card.json (schema 1.5) as published, committed under test/fixtures. */
const OFFICIAL_SCHEMA_SHA256 = '32c91fb285180a266a55b3475dd0396e63fe079311714d3a14963b41f5e17920';

describe('Adaptive Card schema validation', () => {
  it('the committed schema copy is the official Adaptive Card 1.5 schema, unedited', () => {
    // The repository's copy is the reference every card is validated against; its hash is pinned so an edit to
    // it (which could make a broken card pass) fails here. To update it on purpose, replace the file with the
    // official schema from adaptivecards.io and pin the new hash.
    const sha256 = createHash('sha256').update(readFileSync(schemaCopyPath)).digest('hex');
    expect(sha256).toBe(OFFICIAL_SCHEMA_SHA256);
  });

  for (const [name, spec] of Object.entries({ ...representativeSpecs, stress: stressSpec() })) {
    it(`${name} validates against the official 1.5 schema`, () => {
      const result = validateForTeams(renderAdaptiveCard(spec));
      expect(result.valid, describeErrors(result.errors)).toBe(true);
    });
  }

  it('rejects an unknown element type', () => {
    const broken = { ...renderAdaptiveCard(representativeSpecs['week-summary']!) } as Record<string, unknown>;
    broken.body = [...(broken.body as unknown[]), { type: 'Carousel3D', text: 'nope' }];
    expect(validateOfficial(broken).valid).toBe(false);
    expect(validateForTeams(broken).valid).toBe(false);
  });

  it('rejects an unknown action type and a bad enum value', () => {
    const card = renderAdaptiveCard(representativeSpecs['week-summary']!);
    const badAction = { ...card, actions: [{ type: 'Action.Teleport', title: 'x' }] };
    expect(validateOfficial(badAction).valid).toBe(false);
    const badStyle = { ...card, body: [{ type: 'TextBlock', text: 'x', size: 'Huge' }] };
    expect(validateOfficial(badStyle).valid).toBe(false);
    const extraProp = { ...card, body: [{ type: 'TextBlock', text: 'x', colour: 'red' }] };
    expect(validateOfficial(extraProp).valid).toBe(false);
  });

  it('rejects a card without version (the schema alone allows it; our Teams check does not)', () => {
    const { version: _version, ...noVersion } = renderAdaptiveCard(representativeSpecs['week-summary']!);
    expect(validateOfficial(noVersion).valid).toBe(true);
    expect(validateForTeams(noVersion).valid).toBe(false);
    expect(validateForTeams({ ...noVersion, version: '1.6' }).valid).toBe(false);
  });
});

describe('renderAdaptiveCard', () => {
  it('produces a 1.5 card with $schema, body and the fallback text', () => {
    const ac = renderAdaptiveCard(minimal([text('Hello')], { title: 'Title' }));
    expect(ac).toMatchObject({
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.5',
      fallbackText: 'fallback',
    });
    expect(ac.body[0]).toMatchObject({ type: 'TextBlock', style: 'heading', size: 'Large', weight: 'Bolder' });
    expect(ac.body[1]).toEqual({ type: 'TextBlock', text: 'Hello', wrap: true });
  });

  it('renders buttons as Action.Execute with verb in data and an Action.Submit fallback with the same data', () => {
    const ac = renderAdaptiveCard(
      minimal([
        textInput({ id: 'note', label: 'Note', required: true }),
        actions(
          { verb: 'x.submit', label: 'Send', submitsInputs: true, style: 'primary', data: { id: '7' } },
          { verb: 'x.cancel', label: 'Cancel', style: 'danger' },
        ),
      ]),
    );
    const [submit, cancel] = ac.actions ?? [];
    expect(submit).toMatchObject({ type: 'Action.Execute', verb: 'x.submit', style: 'positive' });
    expect(submit?.data).toEqual({ id: '7', verb: 'x.submit' });
    expect(submit?.fallback).toEqual({ type: 'Action.Submit', title: 'Send', data: submit?.data, style: 'positive' });
    expect(submit).not.toHaveProperty('associatedInputs');
    expect(cancel).toMatchObject({ style: 'destructive', associatedInputs: 'none' });
    expect(cancel?.fallback).toMatchObject({ type: 'Action.Submit', associatedInputs: 'none' });
  });

  it('puts actions that are not last, or more than fit one bar, into ActionSets of at most 5', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ verb: `v${i}`, label: `B${i}` }));
    const ac = renderAdaptiveCard(minimal([actions(...many)]));
    expect(ac.actions).toBeUndefined();
    const sets = ac.body.filter((e) => e.type === 'ActionSet');
    expect(sets.map((s) => (s.type === 'ActionSet' ? s.actions.length : 0))).toEqual([5, 5, 2]);
    expect(Math.max(...sets.map((s) => (s.type === 'ActionSet' ? s.actions.length : 0)))).toBeLessThanOrEqual(
      AC_MAX_ACTIONS_PER_SET,
    );
    const middle = renderAdaptiveCard(minimal([actions({ verb: 'a', label: 'A' }), text('after')]));
    expect(middle.body[0]?.type).toBe('ActionSet');
  });

  it('maps choices: compact/expanded, multi-select, required with an error message, preselection', () => {
    const ac = renderAdaptiveCard(
      minimal([
        choice({
          id: 'lvl',
          label: 'Level',
          expanded: true,
          required: true,
          value: 'b',
          options: [
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ],
        }),
        choice({
          id: 'tags',
          label: 'Tags',
          multiple: true,
          value: 'a,c',
          options: [
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
            { value: 'c', label: 'C' },
          ],
        }),
      ]),
    );
    const [lvl, tags] = ac.body as AcChoiceSet[];
    expect(lvl).toMatchObject({ style: 'expanded', isRequired: true, errorMessage: 'Level', value: 'b' });
    expect(lvl).not.toHaveProperty('isMultiSelect');
    expect(tags).toMatchObject({ style: 'compact', isMultiSelect: true, value: 'a,c' });
    expect(tags).not.toHaveProperty('isRequired');
  });

  it('keeps texts whole when they fit and cuts them visibly when the budget is tight', () => {
    const long = 'woord '.repeat(2000).trim();
    const roomy = renderAdaptiveCard(minimal([text(long.slice(0, 3000))]));
    expect((roomy.body[0] as AcTextBlock).text).toBe(long.slice(0, 3000));
    const cut = renderAdaptiveCard(minimal([text(long)]));
    const shown = (cut.body[0] as AcTextBlock).text;
    expect(shown.length).toBeLessThan(long.length);
    expect(shown.endsWith('…')).toBe(true);
    const tight = renderAdaptiveCard(minimal([text(long)]), { maxBytes: 3000 });
    expect(adaptiveCardSize(tight)).toBeLessThanOrEqual(3000);
    expect((tight.body[0] as AcTextBlock).text.endsWith('…')).toBe(true);
  });

  it('leaves trailing read-only content out with a visible notice when nothing else helps', () => {
    const spec = minimal(
      [
        textInput({ id: 'a', label: 'A' }),
        ...Array.from({ length: 80 }, (_, i) => text(`paragraph ${i} ${'x'.repeat(100)}`)),
        actions({ verb: 'go', label: 'Go', submitsInputs: true }),
      ],
      { overflowText: '{count} meer niet getoond' },
    );
    const ac = renderAdaptiveCard(spec, { maxBytes: 12_000 });
    expect(adaptiveCardSize(ac)).toBeLessThanOrEqual(12_000);
    expect(ac.body[0]).toMatchObject({ type: 'Input.Text', id: 'a' });
    expect(ac.actions?.[0]).toMatchObject({ verb: 'go' });
    const notice = ac.body.find((e) => e.type === 'TextBlock' && / meer niet getoond$/.test(e.text));
    expect(notice).toBeDefined();
    expect(validateForTeams(ac).valid).toBe(true);
  });

  it('caps long option lists with a notice but keeps the preselected option', () => {
    const options = Array.from({ length: 150 }, (_, i) => ({ value: `o${i}`, label: `Option ${i}` }));
    const ac = renderAdaptiveCard(minimal([choice({ id: 'c', label: 'C', options, value: 'o149' })]));
    const set = ac.body[0] as AcChoiceSet;
    expect(set.choices).toHaveLength(100);
    expect(set.choices.at(-1)?.value).toBe('o149');
    expect(set.value).toBe('o149');
    expect(ac.body[1]).toMatchObject({ type: 'TextBlock', text: '+50 …', isSubtle: true });
  });

  it('throws on specs no platform could show correctly', () => {
    expect(() =>
      renderAdaptiveCard(minimal([textInput({ id: 'x', label: 'A' }), textInput({ id: 'x', label: 'B' })])),
    ).toThrow(/used twice/);
    expect(() => renderAdaptiveCard(minimal([choice({ id: 'c', label: 'C', options: [] })]))).toThrow(/no options/);
    const inputs = Array.from({ length: 200 }, (_, i) => textInput({ id: `i${i}`, label: 'x'.repeat(200) }));
    expect(() => renderAdaptiveCard(minimal(inputs), { maxBytes: 5000 })).toThrow(RangeError);
  });

  it('keeps the stress card within the Teams message size', () => {
    const ac = renderAdaptiveCard(stressSpec());
    expect(adaptiveCardSize(ac)).toBeLessThan(TEAMS_MESSAGE_MAX_BYTES);
  });
});
