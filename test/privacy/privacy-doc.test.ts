// docs/privacy.md against the code: the erasure table is the policy's, and every table the policy knows (which
// test/privacy/erasure.test.ts holds equal to the database's tables) is in the data inventory, and no other.
import { describe, expect, it } from 'vitest';
import { ERASURE_POLICY } from '../../bot/privacy/policy.js';
import {
  erasureBlock,
  erasureTable,
  inventoryRowTables,
  inventorySection,
  readPrivacyDoc,
  withErasureTable,
} from './privacy-doc.js';

const doc = readPrivacyDoc();
const tables = Object.keys(ERASURE_POLICY);

describe('docs/privacy.md', () => {
  it('states what erasure does per table exactly as ERASURE_POLICY says', () => {
    const block = erasureBlock(doc);
    expect(block, 'the erasure-policy markers are missing').toBeDefined();
    expect(block, 'run npx tsx test/privacy/write-privacy-doc.ts, review and commit').toBe(erasureTable());
    for (const table of tables) expect(block).toContain(`| \`${table}\` |`);
  });

  it('lists every table of the erasure policy in its data inventory, and no table the policy lacks', () => {
    const inventory = inventorySection(doc);
    const missing = tables.filter((table) => !inventory.includes(`\`${table}\``));
    expect(missing).toEqual([]);
    const rows = inventoryRowTables(inventory);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((table) => !(table in ERASURE_POLICY))).toEqual([]);
  });

  it('marks nothing as pending any more', () => {
    expect(doc).not.toMatch(/Pending \(issue 15\)/);
  });

  it('notices a table that differs from the policy, and the writer puts the policy back', () => {
    const tampered = doc.replace(erasureTable(), erasureTable().replace('`nudges`', '`nudge_rows`'));
    expect(erasureBlock(tampered)).not.toBe(erasureTable());
    expect(erasureBlock(withErasureTable(tampered))).toBe(erasureTable());
  });
});
