// The cards the bot really sends, rendered for Teams and Slack at their largest: 40 indicators and 2,000-character
// texts everywhere. Each must validate against the Adaptive Card 1.5 schema and stay within Block Kit's limits.
import { describe, expect, it } from 'vitest';
import { feedbackCard, thankYouCard } from '../../bot/flows/feedback/card.js';
import { progressCard } from '../../bot/flows/progress/card.js';
import { adaptiveCardSize, renderAdaptiveCard } from '../../cards/adaptive.js';
import { renderBlockKit, renderBlockKitModal } from '../../cards/blockkit.js';
import { checkBlockKitLimits } from '../../cards/blockkit-limits.js';
import type { CardSpec } from '../../cards/spec.js';
import type { CompetenceRow, PerspectiveRow } from '../../db/queries/progress.js';
import type { ScaleLevelRow } from '../../db/queries/student-context.js';
import { describeErrors, validateForTeams } from './ac-schema.js';

const long = (seed: string) => `${seed} `.repeat(400).slice(0, 2000);
const indicators = Array.from({ length: 40 }, (_, i) => ({
  id: i + 1,
  code: `C${Math.floor(i / 5) + 1}.${(i % 5) + 1}`,
  labelNl: long(`Indicator ${i + 1} in het Nederlands`),
  labelEn: long(`Indicator ${i + 1} in English`),
}));
const scale: ScaleLevelRow[] = [
  {
    value: 1,
    code: 'L1',
    labelNl: long('Beginnend'),
    labelEn: 'Novice',
    countsAsLevel: true,
    descriptionNl: long('Beschrijving'),
    descriptionEn: 'Description',
  },
  {
    value: 2,
    code: 'L2',
    labelNl: 'In ontwikkeling',
    labelEn: 'Advanced beginner',
    countsAsLevel: true,
    descriptionNl: long('Beschrijving'),
    descriptionEn: 'Description',
  },
  {
    value: 3,
    code: 'L3',
    labelNl: 'Bekwaam',
    labelEn: 'Competent',
    countsAsLevel: true,
    descriptionNl: long('Beschrijving'),
    descriptionEn: 'Description',
  },
  {
    value: 4,
    code: 'L4',
    labelNl: 'Zelfstandig',
    labelEn: 'Proficient',
    countsAsLevel: true,
    descriptionNl: long('Beschrijving'),
    descriptionEn: 'Description',
  },
  {
    value: 0,
    code: 'NA',
    labelNl: 'Niet aan bod gekomen',
    labelEn: 'Not observed',
    countsAsLevel: false,
    descriptionNl: long('Beschrijving'),
    descriptionEn: 'Description',
  },
];

const cards: Record<string, CardSpec> = {
  feedback: feedbackCard({
    locale: 'nl-BE',
    studentName: long('Amira'),
    requestId: 7,
    studentId: 3,
    opportunity: { when: long('maandag'), where: long('Werkplek'), summary: long('Een intakegesprek') },
    focus: indicators.slice(0, 5),
    indicators,
    scale,
    prefill: { task: long('Taak'), wentWell: long('Goed'), nextStep: long('Volgende'), conversation: true },
  }),
  feedbackOwn: feedbackCard({
    locale: 'en',
    studentName: long('Amira'),
    studentId: 3,
    focus: [],
    indicators,
    scale,
  }),
  thankYou: thankYouCard({
    locale: 'en',
    studentName: long('Amira'),
    assessmentId: 12,
    ratings: indicators.slice(0, 5).map((indicator) => ({ indicator, levelLabel: long('Competent') })),
    task: long('Task'),
    wentWell: long('Well'),
    nextStep: long('Next'),
    wantsConversation: true,
    reaction: { takeaway: long('Takeaway'), plan: long('Plan') },
    note: long('Already received'),
  }),
  progress: progressCard({
    locale: 'nl-BE',
    studentId: 3,
    studentName: long('Amira'),
    chartUrl: `https://leerkans.example.be/charts/${'a'.repeat(32)}.png`,
    extraActions: [
      { verb: 'digest.nudge', label: long('Herinner student'), data: { studentId: '3' } },
      { verb: 'digest.remind', label: long('Herinner mentor'), data: { studentId: '3' } },
    ],
    outline: indicators.map(
      (ind, i): CompetenceRow => ({
        competenceId: Math.floor(i / 5) + 1,
        competenceCode: `C${Math.floor(i / 5) + 1}`,
        competenceLabelNl: long('Competentie'),
        competenceLabelEn: long('Competence'),
        indicatorId: ind.id,
        indicatorCode: ind.code,
        labelNl: ind.labelNl,
        labelEn: ind.labelEn,
      }),
    ),
    perspectives: indicators.flatMap((ind, i): PerspectiveRow[] =>
      (['student', 'mentor', 'teacher'] as const).map((role, r) => ({
        indicatorId: ind.id,
        actorRole: role,
        level: (i + r * 2) % 5 === 0 ? null : ((i + r * 2) % 4) + 1,
        notObserved: (i + r * 2) % 5 === 0,
        observedOn: '2026-12-01',
        environment: 'workplace',
      })),
    ),
    scale,
  }),
};

describe('the bot’s own cards at their largest', () => {
  for (const [name, spec] of Object.entries(cards)) {
    it(`${name}: a valid Adaptive Card 1.5 under Teams' size limit`, () => {
      const json = renderAdaptiveCard(spec);
      const result = validateForTeams(json);
      expect(result.valid, describeErrors(result.errors)).toBe(true);
      expect(adaptiveCardSize(json)).toBeLessThan(80_000);
    });

    it(`${name}: a Slack message and a modal within every Block Kit limit`, () => {
      expect(checkBlockKitLimits(renderBlockKit(spec))).toEqual([]);
      expect(checkBlockKitLimits(renderBlockKitModal(spec, { callbackId: `${name}.submit` }))).toEqual([]);
    });
  }

  it('keeps all 40 indicators selectable on the feedback card', () => {
    const json = JSON.stringify(renderAdaptiveCard(cards.feedbackOwn!));
    for (const ind of indicators) expect(json).toContain(`"value":"${ind.id}"`);
    // A request rates each of its (at most five) focus indicators on its own.
    const focused = JSON.stringify(renderAdaptiveCard(cards.feedback!));
    for (const ind of indicators.slice(0, 5)) expect(focused).toContain(`"id":"level_${ind.id}"`);
  });
});
