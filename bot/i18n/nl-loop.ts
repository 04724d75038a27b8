// Dutch strings of the wellbeing check, the feedback loop (reacting, "mijn feedback", asking for feedback) and
// confirmations (merged into nl.ts).
export const nlLoop = {
  'safety.check':
    'Ik wil even zeker zijn dat ik je goed begrijp. Gaat dit over jezelf, of over iemand anders (bv. een cliënt)?',
  'safety.checkSelf': 'Over mezelf',
  'safety.checkOther': 'Over iemand anders',
  'safety.checkOtherDone': 'Dank je. Dan gaan we verder.',
  'safety.checkUnclear':
    'Ik neem aan dat het over iemand anders gaat en ga verder. Gaat het toch over jou? Bel de Zelfmoordlijn op 1813, Tele-Onthaal op 106, of 112 bij direct gevaar.',
  'safety.message':
    'Dank je dat je dit vertelt. Wat je schrijft, klinkt zwaar, en daar hoor je niet alleen mee te blijven. Praat er alsjeblieft over met iemand: {contacts}. Je kan ook dag en nacht anoniem bellen of chatten met de Zelfmoordlijn (1813, zelfmoord1813.be) of Tele-Onthaal (106). Ben je in direct gevaar, bel dan 112.',
  'safety.someoneYouTrust': 'iemand die je vertrouwt',
  'safety.offer':
    'Wil je dat ik {coach} vraag om contact met je op te nemen? {coach} krijgt dan alleen te horen dat je graag contact hebt en dat het nu niet goed gaat, niets van wat je schreef.',
  'safety.offerYes': 'Ja, vraag het',
  'safety.offerNo': 'Nee, liever niet',
  'safety.offerSent': 'Ik heb {coach} gevraagd om contact met je op te nemen.',
  'safety.offerDeclined': 'Oké, ik vraag niemand iets. Je kan altijd zelf contact opnemen.',
  'safety.coachCard':
    '{student} vraagt of je contact wil opnemen: het gaat op dit moment niet goed. {student} koos er zelf voor om je dit te laten weten. Wat er geschreven werd, deelt Leerkans niet.',
  'safety.coachCardTitle': 'Vraag om contact',
} as const;
