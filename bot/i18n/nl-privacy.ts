// Privacy messages: what students are told about the names of the people they write about (docs/privacy.md).
export const nlPrivacy = {
  'privacy.initialsHint':
    'Schrijf je over cliënten of hun familie? Gebruik liefst initialen (bv. "mevrouw V.") en laat adressen en telefoonnummers weg.',
} as const;
