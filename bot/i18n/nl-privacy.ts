// Privacy messages: what students are told about the names of the people they write about (docs/privacy.md).
export const nlPrivacy = {
  'privacy.initialsHint':
    'Schrijf je over cliënten of hun familie? Gebruik liefst initialen (bv. "mevrouw V.") en laat adressen en telefoonnummers weg.',
  // The AI notice when the model only suggests indicators (LEERKANS_LLM=suggest-only): the questions are fixed then.
  'reflection.aiNoticeSuggestOnly':
    'Goed om te weten: een AI-taalmodel leest je reflectie om indicatoren voor te stellen; de vragen komen niet van het model. Namen vervang ik eerst, en niveaus kiezen jij en je begeleiders altijd zelf.',
} as const;
