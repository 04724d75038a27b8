// The golden cases: each representative spec rendered by each renderer, stored under
// test/fixtures/cards/. Regenerate deliberately with `npx tsx test/cards/write-golden.ts`, look at
// the diff, and commit it; the tests only compare.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderAdaptiveCard } from '../../cards/adaptive.js';
import { renderBlockKit, renderBlockKitModal } from '../../cards/blockkit.js';
import { feedbackRequest, thankYou, weekSummary } from './specs.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const goldenDir = path.join(repoRoot, 'test/fixtures/cards');

export interface GoldenCase {
  file: string;
  render: () => unknown;
}

export const goldenCases: GoldenCase[] = [
  { file: 'feedback-request.adaptive.json', render: () => renderAdaptiveCard(feedbackRequest) },
  { file: 'feedback-request.slack-message.json', render: () => renderBlockKit(feedbackRequest) },
  {
    file: 'feedback-request.slack-modal.json',
    render: () =>
      renderBlockKitModal(feedbackRequest, {
        callbackId: 'feedback.submit',
        title: 'Feedback',
        closeLabel: 'Annuleren',
      }),
  },
  { file: 'feedback-thanks.adaptive.json', render: () => renderAdaptiveCard(thankYou) },
  { file: 'feedback-thanks.slack-message.json', render: () => renderBlockKit(thankYou) },
  { file: 'week-summary.adaptive.json', render: () => renderAdaptiveCard(weekSummary) },
  { file: 'week-summary.slack-message.json', render: () => renderBlockKit(weekSummary) },
];

/** Stable text form of a golden file: 2-space JSON and a final newline. */
export const goldenText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
