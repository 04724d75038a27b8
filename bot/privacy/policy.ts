// What erasing a person does to each table, and whether the table can hold personal data at all. The erasure and
// export themselves walk the database's catalogue (db/queries/person-data.ts); this list is the statement a data
// protection officer reads (docs/privacy.md), and test/privacy/erasure.test.ts fails when a table exists that is
// not in it, so a new table cannot arrive without a decision.

export type ErasureRule =
  /** Rows of the person go (ON DELETE CASCADE from people). */
  | 'deleted'
  /** Rows are kept for someone else; the reference to the person becomes null and their name/email in text is replaced. */
  | 'anonymised'
  /** Rows of the person go; other rows that name or point at them are deleted, emptied or anonymised. */
  | 'deleted-and-scrubbed'
  /** No personal data; names or emails in free text are replaced all the same. */
  | 'none';

export interface TablePolicy {
  rule: ErasureRule;
  /** One line: what erasing a person does here. */
  erase: string;
}

export const ERASURE_POLICY: Record<string, TablePolicy> = {
  people: { rule: 'deleted', erase: 'the person’s row is deleted' },
  platform_identities: { rule: 'deleted', erase: 'their Slack/Teams/playground accounts and references are deleted' },
  cohorts: { rule: 'none', erase: 'kept (cohort codes)' },
  cohort_members: { rule: 'deleted', erase: 'their memberships are deleted' },
  assignments: { rule: 'deleted', erase: 'assignments as student or as mentor/teacher/coach are deleted' },
  shifts: { rule: 'deleted', erase: 'their shifts (imported or told in chat) are deleted' },
  schedules: { rule: 'deleted', erase: 'a schedule for them alone is deleted; names in schedule names are replaced' },
  holidays: { rule: 'none', erase: 'kept; a name in a holiday’s name is replaced' },
  conversations: {
    rule: 'deleted-and-scrubbed',
    erase:
      'their conversation is deleted; in others’ conversations they are taken out of pending feedback choices, ' +
      'an open confirmation to erase them is closed, and their name and email are replaced',
  },
  reflections: {
    rule: 'deleted-and-scrubbed',
    erase: 'their reflections are deleted; in others’ reflections their name and email are replaced',
  },
  reflection_indicators: { rule: 'deleted', erase: 'deleted with their reflections' },
  feedback_requests: {
    rule: 'deleted',
    erase: 'requests they made or that were made to them are deleted (feedback already given stays)',
  },
  assessments: {
    rule: 'anonymised',
    erase: 'assessments of them are deleted; assessments they gave others are kept without author (actor_id null)',
  },
  feedback: {
    rule: 'anonymised',
    erase:
      'feedback they received is deleted; feedback they gave is kept for the student without author (author_id null), ' +
      'their name and email in its text replaced',
  },
  outbox: {
    rule: 'deleted-and-scrubbed',
    erase:
      'messages to them are deleted; messages to others about them (their feedback request or reaction, a safety ' +
      'contact, a coach nudge from them) are deleted; other messages naming them are deleted when not yet sent, ' +
      'emptied (payload {"erased": true}) when sent',
  },
  processed_events: {
    rule: 'deleted',
    erase: 'event keys of their messages are deleted (linked by sender, or containing their platform ids)',
  },
  audit_log: {
    rule: 'anonymised',
    erase:
      'entries are kept; actor_id and subject_id become null (entries hold no personal content); one erase entry is added',
  },
  nudges: { rule: 'deleted', erase: 'their nudges are deleted' },
  chart_tokens: { rule: 'deleted', erase: 'chart links showing them or made for them are deleted' },
  export_links: { rule: 'deleted', erase: 'their download links are deleted' },
  frameworks: { rule: 'none', erase: 'kept' },
  competences: { rule: 'none', erase: 'kept' },
  indicators: {
    rule: 'none',
    erase: 'kept (framework data); their name and email in example reflections (examples), if any, are replaced',
  },
  scale_levels: { rule: 'none', erase: 'kept' },
  retention_runs: { rule: 'none', erase: 'kept (when the daily retention job ran and how many rows it deleted)' },
};
