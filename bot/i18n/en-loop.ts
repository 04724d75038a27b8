// English strings of the wellbeing check, the feedback loop and confirmations (merged into en.ts).
import type { nlLoop } from './nl-loop.js';

export const enLoop: Record<keyof typeof nlLoop, string> = {
  'safety.check':
    'I want to be sure I understand you. Is this about you, or about someone else (a client, for example)?',
  'safety.checkSelf': 'About me',
  'safety.checkOther': 'About someone else',
  'safety.checkOtherDone': "Thanks. Let's carry on.",
  'safety.checkUnclear':
    "I'll take it that this is about someone else and carry on. If it is about you after all, call the Suicide Line (Zelfmoordlijn) on 1813, Tele-Onthaal on 106, or 112 in an emergency.",
  'safety.message':
    "Thank you for telling me. That sounds really hard, and you shouldn't have to carry it alone. Please talk to someone about it: {contacts}. You can also call or chat anonymously, day and night, with the Suicide Line (Zelfmoordlijn, 1813, zelfmoord1813.be) or Tele-Onthaal (106). If you are in immediate danger, call 112.",
  'safety.someoneYouTrust': 'someone you trust',
  'safety.offer':
    'Would you like me to ask {coach} to get in touch with you? {coach} would only hear that you would like to talk and that things are not going well right now, nothing of what you wrote.',
  'safety.offerYes': 'Yes, ask them',
  'safety.offerNo': "No, I'd rather not",
  'safety.offerSent': "I've asked {coach} to get in touch with you.",
  'safety.offerDeclined': "OK, I won't ask anyone. You can always get in touch yourself.",
  'safety.coachCard':
    '{student} would like you to get in touch: things are not going well right now. {student} chose to let you know. Leerkans does not share what was written.',
  'safety.coachCardTitle': 'Request to get in touch',
};
