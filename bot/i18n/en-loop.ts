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
  'safety.offerOpen': 'Would you like me to ask your coach to get in touch with you? Type "yes" or "no".',
  'safety.offerYes': 'Yes, ask them',
  'safety.offerNo': "No, I'd rather not",
  'safety.offerSent': "I've asked {coach} to get in touch with you.",
  'safety.offerDeclined': "OK, I won't ask anyone. You can always get in touch yourself.",
  'safety.coachCard':
    '{student} would like you to get in touch: things are not going well right now. {student} chose to let you know. Leerkans does not share what was written.',
  'safety.coachCardTitle': 'Request to get in touch',
  'loop.invite': "What will you take from this, and what's the next step you plan? {mentor} will see your reaction.",
  'loop.takeaway': 'What will you take from it?',
  'loop.takeawayPlaceholder': 'E.g. that I can ask follow-up questions sooner',
  'loop.plan': "What's the next step you plan?",
  'loop.planPlaceholder': "E.g. at the next intake I'll ask about their support network",
  'loop.send': 'Send reaction',
  'loop.adopt': "I'll take that next step",
  'loop.empty': 'Write what you take from it or the step you plan, or choose "I\'ll take that next step".',
  'loop.saved':
    "Saved with the feedback. {mentor} will see your reaction, and I'll remind you of your plan at your next reflection.",
  'loop.toMentor': '{student} reacted to your feedback.',
  'loop.toMentorTakeaway': 'What {student} takes from it: {takeaway}',
  'loop.toMentorPlan': 'The next step the student plans: {plan}',
  'loop.planLastTime': 'Your plan from last time (after feedback from {mentor}): "{plan}". How did it go?',
  'myFeedback.none':
    'You have not had any feedback yet. Ask for it at the end of a reflection, or type "ask feedback from NAME".',
  'myFeedback.title': 'Feedback you received',
  'myFeedback.item': '{date} · {mentor}',
  'myFeedback.yourReaction': 'Your reaction',
  'myFeedback.yourPlan': 'Your plan',
  'myFeedback.notYet': 'No reaction yet',
  'ask.studentsOnly': 'Asking for feedback is for students. Type "help" to see what you can do here.',
  'ask.noStaff': 'No mentor or teacher is assigned to you (yet).',
  'ask.noMatch': 'I cannot find a mentor or teacher called "{name}" of yours. You can ask: {names}.',
  'ask.which': 'Who would you like feedback from? Type "ask feedback from" with one of these names: {names}.',
  'ask.sent': "I've asked {name} for feedback. You'll get a message as soon as it's there.",
};
