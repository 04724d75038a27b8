// Representative card specs for the renderer tests and golden files, plus a stress spec.
import { actions, type CardSpec, card, choice, divider, facts, image, text, textInput } from '../../cards/spec.js';

/** A mentor is asked for feedback on one shift: indicator, level (incl. "not observed"), a required next step. */
export const feedbackRequest: CardSpec = card({
  kind: 'feedback-request',
  title: 'Feedback gevraagd door Sara Peeters',
  fallbackText: 'Sara Peeters vraagt feedback op haar shift van dinsdag 14 oktober. Open de kaart om te antwoorden.',
  elements: [
    text('Sara vraagt je feedback op haar shift van dinsdag 14 oktober (08:00–16:00).'),
    facts([
      { label: 'Student', value: 'Sara Peeters' },
      { label: 'Werkplek', value: 'WZC De Linde – afdeling Zorg & welzijn' },
      { label: 'Opleiding', value: 'Bachelor Sociaal Werk <duaal>' },
    ]),
    text('“Ik heb vandaag voor het eerst de overdracht geleid en de nieuwe bewoner onthaald.”', 'subtle'),
    divider(),
    choice({
      id: 'indicator',
      label: 'Welke indicator heb je gezien?',
      placeholder: 'Kies een indicator',
      required: true,
      errorMessage: 'Kies een indicator.',
      options: [
        { value: 'ind-1.2', label: '1.2 Bouwt een professionele relatie op met de cliënt' },
        { value: 'ind-2.1', label: '2.1 Communiceert helder met collega’s bij de overdracht' },
        { value: 'ind-3.4', label: '3.4 Reflecteert op eigen handelen en vraagt feedback' },
      ],
    }),
    choice({
      id: 'level',
      label: 'Niveau',
      expanded: true,
      required: true,
      errorMessage: 'Kies een niveau, of “niet geobserveerd”.',
      options: [
        { value: '1', label: 'Beginnend' },
        { value: '2', label: 'In ontwikkeling' },
        { value: '3', label: 'Zelfstandig' },
        { value: '4', label: 'Voorbeeldig' },
        { value: 'not_observed', label: 'Niet geobserveerd' },
      ],
    }),
    textInput({ id: 'went_well', label: 'Wat ging goed?', multiline: true, maxLength: 1000 }),
    textInput({
      id: 'next_step',
      label: 'Volgende stap',
      placeholder: 'Eén concrete stap voor de volgende shift',
      multiline: true,
      required: true,
      errorMessage: 'Geef één volgende stap.',
      maxLength: 1000,
    }),
    actions(
      {
        verb: 'feedback.submit',
        label: 'Feedback versturen',
        style: 'primary',
        submitsInputs: true,
        data: { requestId: 'fr_01HZX3' },
      },
      { verb: 'feedback.snooze', label: 'Later', data: { requestId: 'fr_01HZX3' } },
    ),
  ],
});

/** Read-only confirmation after the mentor submitted. */
export const thankYou: CardSpec = card({
  kind: 'feedback-thanks',
  title: 'Bedankt voor je feedback!',
  fallbackText: 'Bedankt voor je feedback aan Sara Peeters.',
  elements: [
    text('Je feedback voor Sara Peeters is bewaard.'),
    facts([
      { label: 'Indicator', value: '2.1 Communiceert helder met collega’s bij de overdracht' },
      { label: 'Niveau', value: 'Zelfstandig' },
      { label: 'Volgende stap', value: 'Volgende keer de overdracht afsluiten met een korte samenvatting.' },
    ]),
    text('Sara ziet je feedback bij haar volgende reflectie.', 'subtle'),
  ],
});

/** A plain message with facts, an image and buttons (the student's weekly overview). */
export const weekSummary: CardSpec = card({
  kind: 'week-summary',
  title: 'Your week at a glance',
  fallbackText: 'Your week: 3 reflections, 2 feedback items, 1 request open.',
  elements: [
    text('Progress', 'heading'),
    text('You reflected on 3 of 4 shifts this week. Nice streak!'),
    facts([
      { label: 'Reflections', value: '3' },
      { label: 'Feedback received', value: '2' },
      { label: 'Open requests', value: '1' },
    ]),
    image('https://leerkans.example.org/charts/week-42.png', 'Bar chart: reflections per week, rising from 1 to 3'),
    actions(
      { verb: 'reflection.start', label: 'Reflect now', style: 'primary' },
      { verb: 'progress.show', label: 'Show progress', data: { range: 'term' } },
      { verb: 'nudges.pause', label: 'Pause nudges', style: 'danger', data: { days: '7' } },
    ),
  ],
});

export const representativeSpecs: Record<string, CardSpec> = {
  'feedback-request': feedbackRequest,
  'feedback-thanks': thankYou,
  'week-summary': weekSummary,
};

/** A deterministic long text: words, some non-ASCII and mrkdwn-special characters. */
export function longText(length: number, seed = 'x'): string {
  const words = ['werkplek', 'leren', '&', 'reflectie', '<mentor>', 'café', 'overdracht', '😀', 'cliënt', seed];
  let out = '';
  for (let i = 0; out.length < length; i++) out += `${words[i % words.length]} `;
  return out.slice(0, length);
}

/** Everything at once: 40 indicators, 2,000-character texts everywhere, 30 buttons, long labels. */
export function stressSpec(): CardSpec {
  const long = longText(2000);
  return card({
    kind: 'stress',
    title: longText(2000, 'title'),
    fallbackText: longText(2000, 'fallback'),
    elements: [
      text(longText(2000, 'heading'), 'heading'),
      text(long),
      text(longText(2000, 'subtle'), 'subtle'),
      facts(Array.from({ length: 14 }, (_, i) => ({ label: longText(2000, `label${i}`), value: long }))),
      image('https://leerkans.example.org/charts/big.png', long),
      divider(),
      choice({
        id: 'indicator',
        label: longText(2000, 'indicator'),
        placeholder: long,
        required: true,
        errorMessage: long,
        options: Array.from({ length: 40 }, (_, i) => ({ value: `ind-${i}`, label: longText(2000, `ind${i}`) })),
      }),
      choice({
        id: 'level',
        label: long,
        expanded: true,
        required: true,
        value: 'not_observed',
        options: [
          ...Array.from({ length: 14 }, (_, i) => ({ value: `lvl-${i}`, label: longText(2000, `lvl${i}`) })),
          { value: 'not_observed', label: longText(2000, 'not observed') },
        ],
      }),
      choice({
        id: 'tags',
        label: long,
        multiple: true,
        expanded: true,
        options: Array.from({ length: 40 }, (_, i) => ({ value: `tag-${i}`, label: longText(2000, `tag${i}`) })),
      }),
      textInput({ id: 'went_well', label: long, placeholder: long, multiline: true, value: longText(5000) }),
      textInput({ id: 'next_step', label: long, required: true, errorMessage: long, maxLength: 2000 }),
      actions(
        ...Array.from({ length: 30 }, (_, i) => ({
          verb: i % 3 === 0 ? 'stress.repeat' : `stress.action.${i}`,
          label: longText(2000, `button${i}`),
          style: i === 0 ? ('primary' as const) : i === 1 ? ('danger' as const) : undefined,
          submitsInputs: i === 0,
          data: { index: String(i), note: longText(100, `n${i}`) },
        })),
      ),
    ],
  });
}
