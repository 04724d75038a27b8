// @vitest-environment happy-dom
// Parses every rendered card with the official adaptivecards SDK (dist bundle), checks that it
// reports no parse warnings and no validation failures, and renders it to DOM under happy-dom.
import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../cards/adaptive.js';
import { type CardSpec, divider, text } from '../../cards/spec.js';
import { loadAdaptiveCards, parseWithSdk } from './ac-bundle.js';
import { representativeSpecs, stressSpec } from './specs.js';

const ac = loadAdaptiveCards();

describe('adaptivecards SDK', () => {
  for (const [name, spec] of Object.entries({ ...representativeSpecs, stress: stressSpec() })) {
    it(`${name}: parses without warnings, validates and renders`, () => {
      const json = renderAdaptiveCard(spec);
      const { card, problems } = parseWithSdk(ac, json);
      expect(problems).toEqual([]);
      expect(card.version?.toString()).toBe('1.5');

      const element = card.render();
      expect(element).toBeInstanceOf(HTMLElement);
      document.body.appendChild(element!);
      // Every input of the spec is on screen under its id, every button shows its title.
      const inputIds = card.getAllInputs().map((i) => i.id);
      const specIds = spec.elements.flatMap((e) => (e.type === 'choice' || e.type === 'input' ? [e.id] : []));
      expect(inputIds).toEqual(specIds);
      const buttons = Array.from(element!.querySelectorAll('button')).map(
        (b) => b.getAttribute('aria-label') ?? b.textContent,
      );
      const actionCount = spec.elements.reduce((n, e) => n + (e.type === 'actions' ? e.actions.length : 0), 0);
      expect(buttons).toHaveLength(actionCount);
      element!.remove();
    });
  }

  it('the SDK does report problems, so the test above can fail', () => {
    const json = renderAdaptiveCard(representativeSpecs['feedback-request']!) as unknown as Record<string, unknown>;
    const body = [...(json.body as Record<string, unknown>[])];
    body.push({ type: 'Carousel3D' });
    body.push({ type: 'Input.Text', id: 'x', isRequired: true, label: 'X' }); // required without errorMessage
    const { problems } = parseWithSdk(ac, { ...json, body });
    expect(problems.some((p) => p.includes('Carousel3D'))).toBe(true);
    expect(problems.some((p) => /error message/i.test(p))).toBe(true);

    const tooMany = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'ActionSet', actions: Array.from({ length: 7 }, (_, i) => ({ type: 'Action.Submit', title: `${i}` })) },
      ],
    };
    expect(parseWithSdk(ac, tooMany).problems.some((p) => p.includes('TooManyActions'))).toBe(true);
  });

  it('a divider renders as a separator line', () => {
    const lines = (elements: CardSpec['elements']): number => {
      const { card } = parseWithSdk(ac, renderAdaptiveCard({ kind: 't', fallbackText: 'f', elements }));
      const el = card.render()!;
      document.body.appendChild(el);
      // A separator with a line is a spacer div with a bottom border; plain spacing has none.
      const count = Array.from(el.querySelectorAll<HTMLElement>('.ac-horizontal-separator')).filter(
        (s) => s.style.borderBottom !== '',
      ).length;
      el.remove();
      return count;
    };
    expect(lines([text('above'), text('below')])).toBe(0);
    expect(lines([text('above'), divider(), text('below')])).toBe(1);
  });
});
