// Korthagen's reflection cycle, ALACT (METHOD.md §2.2): the "deeper" option. Questions adapted from
// Arteveldehogeschool; phase 2 balances thinking, feeling, wanting and doing, for the student and the others.
import type { QuestionSet } from './types.js';

export const KORTHAGEN: QuestionSet = {
  model: 'korthagen',
  name: { nl: 'Korthagen (ALACT)', en: 'Korthagen (ALACT)' },
  intro: {
    nl: 'We gaan dieper, met de reflectiecyclus van Korthagen. Wat je al vertelde, neem ik mee.',
    en: "Let's go deeper, with Korthagen's reflection cycle. I'll keep what you already told me.",
  },
  parts: [
    {
      key: 'experience',
      label: { nl: 'Handelen', en: 'Action' },
      question: {
        nl: 'Beschrijf de ervaring. Wat wilde je bereiken? Waar wilde je op letten?',
        en: 'Describe the experience. What did you want to achieve? What did you want to pay attention to?',
      },
      from: ['situation', 'task', 'action', 'result', 'description'],
    },
    {
      key: 'lookingBack',
      label: { nl: 'Terugblikken', en: 'Looking back' },
      question: {
        nl: 'Blik terug: wat zag, deed, dacht, voelde en wilde jij? En wat denk je dat de ander (cliënt, collega, mentor) wilde, dacht, voelde en deed?',
        en: 'Looking back: what did you see, do, think, feel and want? What do you think the other person (client, colleague, mentor) wanted, thought, felt and did?',
      },
      followUp: true,
      from: ['feelings', 'evaluation'],
    },
    {
      key: 'awareness',
      label: { nl: 'Bewustwording', en: 'Awareness' },
      question: {
        nl: 'Hoe hangen die antwoorden samen? Wat is de invloed van de omgeving? Wat is dus het probleem, of de positieve ontdekking?',
        en: 'How do these answers connect? What is the influence of the context? So what is the problem, or the positive discovery?',
      },
      followUp: true,
      from: ['analysis'],
    },
    {
      key: 'alternatives',
      label: { nl: 'Alternatieven', en: 'Alternatives' },
      question: {
        nl: 'Hoe had je het ook anders kunnen aanpakken? Welke voor- en nadelen hebben die andere manieren?',
        en: 'How else could you have gone about it? What are the pros and cons of those other ways?',
      },
      from: ['reflection', 'conclusion'],
    },
    {
      key: 'trial',
      label: { nl: 'Uitproberen', en: 'Trial' },
      question: {
        nl: 'Welke van die manieren probeer je uit bij de volgende gelegenheid? Waaraan merk je dat het werkt?',
        en: "Which of those will you try out at the next opportunity? How will you know it's working?",
      },
      from: ['actionPlan'],
    },
  ],
};
