// docs/privacy.md states what erasing a person does per table and lists every table in its inventory. The erasure
// table is rendered from ERASURE_POLICY (bot/privacy/policy.ts) between two markers, so the text a data protection
// officer signs off cannot drift from the policy the erasure test holds the database to.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ERASURE_POLICY, type ErasureRule } from '../../bot/privacy/policy.js';

export const PRIVACY_DOC = path.resolve(import.meta.dirname, '../../docs/privacy.md');
export const START = '<!-- erasure-policy:start -->';
export const END = '<!-- erasure-policy:end -->';

const RULE: Record<ErasureRule, string> = {
  deleted: 'deleted',
  anonymised: 'kept without the person',
  'deleted-and-scrubbed': 'deleted; others’ rows cleaned',
  none: 'no personal data',
};

/** The markdown table of ERASURE_POLICY, in the policy's order. */
export function erasureTable(): string {
  const rows = Object.entries(ERASURE_POLICY).map(
    ([table, p]) => `| \`${table}\` | ${RULE[p.rule]} | ${p.erase.replace(/\|/g, '\\|')} |`,
  );
  return ['| table | rule | what erasing a person does |', '| --- | --- | --- |', ...rows].join('\n');
}

export const readPrivacyDoc = (): string => readFileSync(PRIVACY_DOC, 'utf8');

/** The text between the markers, trimmed; undefined when a marker is missing. */
export function erasureBlock(doc: string): string | undefined {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return doc.slice(start + START.length, end).trim();
}

/** The document with the block between the markers replaced by the current policy. */
export function withErasureTable(doc: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${PRIVACY_DOC} lacks the markers ${START} … ${END}`);
  return `${doc.slice(0, start + START.length)}\n${erasureTable()}\n${doc.slice(end)}`;
}

/** The section "## Data inventory" up to the next "## " heading. */
export function inventorySection(doc: string): string {
  const start = doc.indexOf('\n## Data inventory');
  if (start < 0) throw new Error('docs/privacy.md has no "## Data inventory" section');
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

/** Table names in the first column of the inventory's tables (`a`, `b` in one cell counts both). */
export function inventoryRowTables(section: string): string[] {
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!));
}
