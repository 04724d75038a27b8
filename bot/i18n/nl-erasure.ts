// Erasure, the export link and refused access (docs/privacy.md).
export const nlErasure = {
  'myData.download':
    'Alles wat Leerkans over jou bewaart, als bestand (JSON): {url}\nDe link werkt {minutes} minuten. Wie hem heeft, kan hem openen: deel hem niet.',
  'erase.usage':
    'Gebruik: "admin wis E-MAILADRES". Na je bevestiging wist Leerkans die persoon en alles wat erover bewaard is.',
  'erase.unknown': 'Niemand met e-mailadres {email} staat in Leerkans.',
  'erase.notSelf': 'Jezelf wissen kan niet in de chat: vraag het een andere beheerder of gebruik "leerkans erase".',
  'erase.confirm':
    '{name} ({email}) wissen? Alles wat Leerkans over deze persoon bewaart verdwijnt (reflecties: {reflections}, inschattingen: {assessments}, feedbackvragen: {requests}, berichten: {messages}). Feedback die deze persoon aan studenten gaf, blijft voor die studenten bewaard, zonder naam. Dit kan niet ongedaan gemaakt worden.',
  'erase.yes': 'Ja, wis alles',
  'erase.no': 'Nee, niet wissen',
  'erase.kept': 'Er is niets gewist.',
  'erase.done': '{name} is gewist, met alles wat Leerkans over deze persoon bewaarde.',
  'erase.gone': 'Die persoon is al gewist.',
} as const;
