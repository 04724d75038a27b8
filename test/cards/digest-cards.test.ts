// The digest's cards at their largest: a coach with 30 students, every one needing attention, long names and
// narratives of the maximum length; a mentor with 40 pending requests; the feedback behind a rating. Each must be a
// valid Adaptive Card 1.5 within Teams' size and a Slack message within every Block Kit limit, with the chart.
import { describe, expect, it } from 'vitest';
import { digestCard } from '../../bot/digest/card.js';
import type { StudentDigest } from '../../bot/digest/compute.js';
import { adaptiveCardSize, renderAdaptiveCard } from '../../cards/adaptive.js';
import { renderBlockKit } from '../../cards/blockkit.js';
import { checkBlockKitLimits } from '../../cards/blockkit-limits.js';
import { SLACK_MESSAGE_MAX_BLOCKS, SLACK_MESSAGE_TEXT_MAX, TEAMS_MESSAGE_MAX_BYTES } from '../../cards/limits.js';
import type { CardSpec } from '../../cards/spec.js';
import { describeErrors, validateForTeams } from './ac-schema.js';

const CHART = `https://leerkans.example.be/charts/${'x'.repeat(32)}.png`;
const longName = (i: number) => `Student ${i} ${'Van Den Broecke-Vermeulen '.repeat(4)}`.trim();

const student = (i: number): StudentDigest => ({
  studentId: 1000 + i,
  name: longName(i),
  frameworkId: 1,
  reflections: { week: i % 4, before: (i * 3) % 13 },
  feedback: { week: i % 3, before: i % 7 },
  daysSinceReflection: i % 5 === 0 ? null : 14 + i,
  coverage: { workplace: i % 15, campus: i % 9, covered: i % 16, total: 15 },
  rated: [],
  gaps: [],
  nextSteps: [],
  attention: {
    inactive: true,
    overdue: [
      { requestId: i * 10 + 1, mentorName: 'Mentor Met Een Heel Lange Naam Die Nooit Ophoudt', days: 9 },
      { requestId: i * 10 + 2, mentorName: 'Tweede Mentor', days: 12 },
    ],
    unreachable: true,
  },
});

const students = Array.from({ length: 30 }, (_, i) => student(i));
const narratives = new Map(students.map((s) => [s.studentId, `${'Een lange samenvatting van de week. '.repeat(10)}`]));

const cards: Record<string, CardSpec> = {
  'digest (nl, 30 students, all needing attention)': digestCard({
    locale: 'nl-BE',
    from: '23 nov',
    to: '30 nov',
    students,
    narratives,
    chartUrl: CHART,
  }),
  // LEERKANS_LLM=full: every narrative written by the model carries the AI label, and the card its note.
  'digest (nl, 30 students, every narrative by AI)': digestCard({
    locale: 'nl-BE',
    from: '23 nov',
    to: '30 nov',
    students,
    narratives,
    aiWritten: new Set(students.map((s) => s.studentId)),
    chartUrl: CHART,
  }),
  'digest (en, 30 students)': digestCard({
    locale: 'en',
    from: '23 Nov',
    to: '30 Nov',
    students,
    narratives,
    chartUrl: CHART,
  }),
  'digest without students': digestCard({ locale: 'nl-BE', from: '23 nov', to: '30 nov', students: [], narratives }),
};

describe('the digest card for a coach with 30 students', () => {
  for (const [name, spec] of Object.entries(cards)) {
    it(`${name}: a valid Adaptive Card 1.5 within Teams' message size`, () => {
      const json = renderAdaptiveCard(spec);
      const result = validateForTeams(json);
      expect(result.valid, describeErrors(result.errors)).toBe(true);
      // The card and its text fallback travel in one activity.
      expect(adaptiveCardSize(json) + Buffer.byteLength(spec.fallbackText) * 2).toBeLessThan(TEAMS_MESSAGE_MAX_BYTES);
    });

    it(`${name}: a Slack message within every Block Kit limit`, () => {
      const blocks = renderBlockKit(spec);
      expect(checkBlockKitLimits(blocks)).toEqual([]);
      expect(blocks.blocks.length).toBeLessThanOrEqual(SLACK_MESSAGE_MAX_BLOCKS);
      expect(spec.fallbackText.length).toBeLessThan(SLACK_MESSAGE_TEXT_MAX);
    });
  }

  it('shows the chart as a Slack image block and an Adaptive Card image', () => {
    const spec = cards['digest (nl, 30 students, all needing attention)']!;
    expect(renderBlockKit(spec).blocks).toContainEqual(expect.objectContaining({ type: 'image', image_url: CHART }));
    expect(JSON.stringify(renderAdaptiveCard(spec))).toContain(`"type":"Image","url":"${CHART}"`);
  });

  it('keeps every student reachable through the picker, attention first, and caps the attention list', () => {
    const spec = cards['digest (nl, 30 students, all needing attention)']!;
    const picker = spec.elements.find((e) => e.type === 'choice');
    expect(picker && picker.type === 'choice' && picker.options).toHaveLength(30);
    const attention = spec.elements.find((e) => e.type === 'text' && e.text.startsWith('• '));
    const lines = attention && attention.type === 'text' ? attention.text.split('\n') : [];
    expect(lines).toHaveLength(21);
    expect(lines.at(-1)).toBe('• +100 meer');
    const facts = spec.elements.find((e) => e.type === 'facts');
    expect(facts && facts.type === 'facts' && facts.facts).toHaveLength(30);
  });
});
