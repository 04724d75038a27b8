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
  'safety.offerOpen': 'Wil je dat ik je coach vraag om contact met je op te nemen? Typ "ja" of "nee".',
  'safety.offerYes': 'Ja, vraag het',
  'safety.offerNo': 'Nee, liever niet',
  'safety.offerSent': 'Ik heb {coach} gevraagd om contact met je op te nemen.',
  'safety.offerDeclined': 'Oké, ik vraag niemand iets. Je kan altijd zelf contact opnemen.',
  'safety.coachCard':
    '{student} vraagt of je contact wil opnemen: het gaat op dit moment niet goed. {student} koos er zelf voor om je dit te laten weten. Wat er geschreven werd, deelt Leerkans niet.',
  'safety.coachCardTitle': 'Vraag om contact',
  'loop.invite': 'Wat neem je hieruit mee, en welke volgende stap plan je? {mentor} krijgt je reactie te zien.',
  'loop.takeaway': 'Wat neem je mee?',
  'loop.takeawayPlaceholder': 'Bv. dat ik sneller mag doorvragen',
  'loop.plan': 'Welke volgende stap plan je?',
  'loop.planPlaceholder': 'Bv. bij de volgende intake vraag ik door naar het netwerk',
  'loop.send': 'Reactie versturen',
  'loop.adopt': 'Ik zet de volgende stap',
  'loop.empty': 'Schrijf wat je meeneemt of welke stap je plant, of kies "Ik zet de volgende stap".',
  'loop.saved':
    'Bewaard bij de feedback. {mentor} ziet je reactie, en bij je volgende reflectie herinner ik je aan je plan.',
  'loop.toMentor': '{student} reageerde op je feedback.',
  'loop.toMentorTakeaway': 'Wat {student} meeneemt: {takeaway}',
  'loop.toMentorPlan': 'Volgende stap die de student plant: {plan}',
  'loop.planLastTime': 'Je plan van vorige keer (na feedback van {mentor}): "{plan}". Hoe ging dat?',
  'myFeedback.none':
    'Je kreeg nog geen feedback. Vraag erom aan het einde van een reflectie, of typ "vraag feedback aan NAAM".',
  'myFeedback.title': 'Feedback die je kreeg',
  'myFeedback.item': '{date} · {mentor}',
  'myFeedback.yourReaction': 'Jouw reactie',
  'myFeedback.yourPlan': 'Jouw plan',
  'myFeedback.notYet': 'Nog niet gereageerd',
  'ask.studentsOnly': 'Feedback vragen kan als student. Typ "hulp" om te zien wat jij hier kan doen.',
  'ask.noStaff': 'Er is (nog) geen mentor of docent aan jou gekoppeld.',
  'ask.noMatch': 'Ik vind geen mentor of docent "{name}" bij jou. Je kan het vragen aan: {names}.',
  'ask.which': 'Aan wie wil je feedback vragen? Typ "vraag feedback aan" met een van deze namen: {names}.',
  'ask.sent': 'Ik heb {name} om feedback gevraagd. Je krijgt een bericht zodra die er is.',
} as const;
