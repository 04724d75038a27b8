import type { nlErasure } from './nl-erasure.js';

export const enErasure: Record<keyof typeof nlErasure, string> = {
  'myData.download':
    'Everything Leerkans stores about you, as a file (JSON): {url}\nThe link works for {minutes} minutes. Anyone who has it can open it: do not share it.',
  'erase.usage':
    'Usage: "admin erase EMAIL". After you confirm, Leerkans erases that person and everything stored about them.',
  'erase.unknown': 'Nobody with email {email} is in Leerkans.',
  'erase.notSelf': 'You cannot erase yourself in chat: ask another administrator or use "leerkans erase".',
  'erase.confirm':
    'Erase {name} ({email})? Everything Leerkans stores about this person goes (reflections: {reflections}, assessments: {assessments}, feedback requests: {requests}, messages: {messages}). Feedback this person gave students stays with those students, without a name. This cannot be undone.',
  'erase.yes': 'Yes, erase everything',
  'erase.no': 'No, keep',
  'erase.kept': 'Nothing was erased.',
  'erase.done': '{name} has been erased, with everything Leerkans stored about them.',
  'erase.gone': 'That person has already been erased.',
};
