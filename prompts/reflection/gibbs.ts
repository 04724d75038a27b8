// Gibbs' reflective cycle (METHOD.md §2.4): offered, never forced, when the student reports a difficult or
// emotional event, because it makes room for feelings before analysis.
import type { QuestionSet } from './types.js';

export const GIBBS: QuestionSet = {
  model: 'gibbs',
  name: { nl: 'Gibbs', en: 'Gibbs' },
  intro: {
    nl: 'We gaan verder met de reflectiecyclus van Gibbs: die laat meer ruimte voor wat je voelde. Wat je al vertelde, neem ik mee.',
    en: "We'll continue with Gibbs' reflective cycle, which leaves more room for what you felt. I'll keep what you already told me.",
  },
  parts: [
    {
      key: 'description',
      label: { nl: 'Beschrijving', en: 'Description' },
      question: {
        nl: 'Wat is er gebeurd? Wanneer, waar, wie was erbij? Wat deed jij, wat deden anderen?',
        en: 'What happened? When, where, who was there? What did you and the others do?',
      },
      from: ['situation', 'task', 'action', 'result', 'experience'],
    },
    {
      key: 'feelings',
      label: { nl: 'Gevoelens', en: 'Feelings' },
      question: {
        nl: 'Wat dacht en voelde je vóór, tijdens en na? Wat denk je dat anderen voelden?',
        en: 'What were you thinking and feeling before, during and after? What might others have felt?',
      },
      from: ['lookingBack'],
    },
    {
      key: 'evaluation',
      label: { nl: 'Evaluatie', en: 'Evaluation' },
      question: { nl: 'Wat ging goed, en wat niet?', en: 'What was good about the experience, and what was bad?' },
      from: [],
    },
    {
      key: 'analysis',
      label: { nl: 'Analyse', en: 'Analysis' },
      question: {
        nl: 'Waarom liep het zo? Welke oorzaken en gevolgen zie je? Zie je een link met wat je in de les leerde?',
        en: 'Why did it go this way? What causes and consequences do you see? Is there a link with what you learned in class?',
      },
      followUp: true,
      from: ['awareness'],
    },
    {
      key: 'conclusion',
      label: { nl: 'Conclusie', en: 'Conclusion' },
      question: {
        nl: 'Wat had je anders kunnen doen? Wat heb je geleerd?',
        en: 'What else could you have done? What did you learn?',
      },
      from: ['reflection', 'alternatives'],
    },
    {
      key: 'actionPlan',
      label: { nl: 'Actieplan', en: 'Action plan' },
      question: {
        nl: 'Als het opnieuw gebeurt, wat doe je dan? Welke concrete stap zet je, en tegen wanneer?',
        en: 'If it happened again, what would you do? What concrete step will you take, and by when?',
      },
      from: ['trial'],
    },
  ],
};
