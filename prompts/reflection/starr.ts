// Short STARR (METHOD.md §2.1): the default quick check-in after a shift.
import type { QuestionSet } from './types.js';

export const STARR: QuestionSet = {
  model: 'starr',
  name: { nl: 'STARR', en: 'STARR' },
  intro: {
    nl: 'We overlopen één concrete situatie in vijf korte vragen (STARR).',
    en: 'We will go through one concrete situation in five short questions (STARR).',
  },
  parts: [
    {
      key: 'situation',
      label: { nl: 'Situatie', en: 'Situation' },
      question: {
        nl: 'Wat was de situatie? Waar en wanneer speelde ze zich af, en wie was erbij betrokken?',
        en: 'What was the situation? When and where did it happen, and who was involved?',
      },
      from: ['description', 'experience'],
    },
    {
      key: 'task',
      label: { nl: 'Taak', en: 'Task' },
      question: {
        nl: 'Wat was jouw taak of rol? Wat wilde je bereiken, wat werd er van je verwacht?',
        en: 'What was your task or role? What did you want to achieve, and what was expected of you?',
      },
      from: [],
    },
    {
      key: 'action',
      label: { nl: 'Actie', en: 'Action' },
      question: {
        nl: 'Wat heb je concreet gedaan en gezegd? Waarom deed je het zo?',
        en: 'What exactly did you do and say? Why that way?',
      },
      followUp: true,
      from: ['lookingBack', 'feelings'],
    },
    {
      key: 'result',
      label: { nl: 'Resultaat', en: 'Result' },
      question: {
        nl: 'Wat was het resultaat? Werkte het, waarom wel of niet? Hoe reageerden anderen?',
        en: 'What was the result? Did it work, and why or why not? How did others react?',
      },
      followUp: true,
      from: ['evaluation', 'awareness', 'analysis'],
    },
    {
      key: 'reflection',
      label: { nl: 'Reflectie', en: 'Reflection' },
      question: {
        nl: 'Wat heb je ervan geleerd? Was je tevreden? Wat zou je de volgende keer anders doen?',
        en: 'What did you learn? Were you satisfied? What would you do differently next time?',
      },
      from: ['alternatives', 'trial', 'conclusion', 'actionPlan'],
    },
  ],
};
