// Small synonym groups for the demo domain (social work). Every word in a group, in either language, is folded
// into one concept before matching, so "gesprek" in a reflection meets "luistert" in an indicator label.
// Words are written out in full here and stemmed when the matcher loads; keep the list short and obvious: it
// complements stemming (irregular verbs, everyday words students use), it is not a thesaurus.

export interface SynonymGroup {
  concept: string;
  words: string[];
}

export const SYNONYM_GROUPS: SynonymGroup[] = [
  {
    concept: 'listen',
    words: [
      'luisteren',
      'luistert',
      'geluisterd',
      'gesprek',
      'gesprekken',
      'doorvragen',
      'doorgevraagd',
      'listen',
      'listening',
      'listened',
      'conversation',
      'probe',
      'probing',
    ],
  },
  {
    concept: 'summarise',
    words: [
      'samenvatten',
      'samengevat',
      'samenvatting',
      'parafraseren',
      'summarise',
      'summarize',
      'summary',
      'paraphrase',
    ],
  },
  {
    concept: 'refer',
    words: [
      'verwijzen',
      'verwijst',
      'verwezen',
      'verwees',
      'doorverwijzen',
      'doorverwezen',
      'doorverwijzing',
      'refer',
      'referral',
      'referred',
      'referring',
      'signpost',
    ],
  },
  {
    concept: 'followup',
    words: ['opvolgen', 'opgevolgd', 'opvolging', 'nabellen', 'follow', 'followed'],
  },
  {
    concept: 'document',
    words: [
      'documenteren',
      'documenteert',
      'gedocumenteerd',
      'dossier',
      'verslag',
      'rapporteren',
      'document',
      'record',
      'notes',
    ],
  },
  {
    concept: 'secrecy',
    words: ['beroepsgeheim', 'geheimhouding', 'vertrouwelijk', 'privacy', 'confidential', 'confidentiality', 'secrecy'],
  },
  {
    concept: 'goal',
    words: ['doel', 'doelen', 'doelstelling', 'goal', 'goals', 'objective'],
  },
  {
    concept: 'network',
    words: ['netwerk', 'familie', 'mantelzorger', 'network', 'family', 'carer'],
  },
  {
    concept: 'feedback',
    words: ['feedback', 'feedforward', 'tips', 'advice'],
  },
  {
    concept: 'team',
    words: ['team', 'teamoverleg', 'collega', 'collegas', 'overleg', 'colleague', 'colleagues', 'partners'],
  },
];
