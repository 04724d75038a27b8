// Nudges, pauses, shifts told in chat and the admin's schedules and delivery health (Dutch, the source language).
export const nlSchedule = {
  'nudge.title': 'Even stilstaan bij je shift',
  'nudge.afterShiftAt':
    'Je shift bij {workplace} is voorbij. Wat heb je vandaag geleerd? Vertel het me hier, of tik op de knop.',
  'nudge.afterShift':
    'Je shift van {time} is voorbij. Wat heb je vandaag geleerd? Vertel het me hier, of tik op de knop.',
  'nudge.fixed': 'Tijd om even stil te staan bij je werk. Wat heb je geleerd? Vertel het me hier, of tik op de knop.',
  'nudge.start': 'Start reflectie',
  'nudge.skip': 'Vandaag overslaan',
  'nudge.alreadyReflected': 'Over die shift heb je al gereflecteerd. Typ "reflectie" voor een nieuwe reflectie.',

  'pause.tooFar': 'Zo ver vooruit kan ik niet pauzeren: kies een datum binnen het jaar (uiterlijk {date}).',
  'pause.today': 'Vandaag pauzeren? Typ dan "vandaag overslaan". Of kies een datum vanaf morgen.',

  'shift.saved':
    'Genoteerd: je shift van {start} tot {end}. Ongeveer {minutes} minuten na het einde stuur ik je een herinnering om te reflecteren.',
  'shift.savedNoNudge': 'Genoteerd: je shift van {start} tot {end}.',
  'shift.past':
    'Die shift is al voorbij. Vertel me een shift die nog komt of nu bezig is, bijvoorbeeld "mijn shift eindigt om 17u".',
  'shift.tooFar': 'Zo ver vooruit noteer ik geen shift: kies een dag binnen het jaar.',
  'shift.invalid': 'Die shift begrijp ik niet. Probeer "mijn shift eindigt om 17u" of "shift morgen 8-16".',
  'shift.tooLong': 'Een shift van meer dan 16 uur noteer ik niet. Kijk de uren nog eens na.',

  'admin.title': 'Beheer: herinneringen',
  'admin.schedules': 'Schema’s',
  'admin.noSchedules': 'Er zijn geen schema’s: niemand krijgt herinneringen.',
  'admin.afterShift': '{minutes} min na elke shift',
  'admin.cron': 'cron "{cron}" ({zone})',
  'admin.target.all': 'iedereen',
  'admin.target.cohort': 'groep {code}',
  'admin.target.person': '{email}',
  'admin.state.active': 'actief',
  'admin.state.paused': 'gepauzeerd',
  'admin.quiet': 'stille uren {start}–{end}',
  'admin.health': 'Bezorging',
  'admin.healthLine': 'in de wachtrij: {queued} · verstuurd: {sent} · mislukt: {failed} · onbereikbaar: {unreachable}',
  'admin.problems': 'Problemen',
  'admin.next': 'Volgende herinneringen',
  'admin.noneNext': 'Geen herinneringen gepland in de komende 24 uur.',
  'admin.pause': 'Pauzeer {name}',
  'admin.resume': 'Hervat {name}',
  'admin.refresh': 'Vernieuwen',
  'admin.usage':
    'Beheer: "admin" (overzicht), "admin schema pauze NAAM", "admin schema hervat NAAM", "admin schema verwijder NAAM", "admin schema na-shift NAAM MINUTEN [groep CODE]", "admin schema cron NAAM "0 17 * * 1-5" [groep CODE]", "admin vrije dag 2026-12-24 [NAAM]", "admin gezondheid".',
  'admin.done.paused': 'Schema {name} staat op pauze.',
  'admin.done.resumed': 'Schema {name} is weer actief.',
  'admin.done.removed': 'Schema {name} is verwijderd.',
  'admin.done.added': 'Schema {name} is toegevoegd.',
  'admin.done.holiday': 'Vrije dag {date} toegevoegd.',
  'admin.error': 'Dat lukte niet: {reason}',
  'admin.unknownSchedule': 'Een schema "{name}" bestaat niet.',
} as const;
