// Golden files: the committed JSON in test/fixtures/cards is the reviewed rendering of each
// representative spec. A difference fails; regenerate on purpose with test/cards/write-golden.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenCases, goldenDir, goldenText } from './golden.js';

describe('golden card renderings', () => {
  for (const c of goldenCases) {
    it(`${c.file} matches the committed golden file`, () => {
      const file = path.join(goldenDir, c.file);
      expect(existsSync(file), `${file} is missing: run npx tsx test/cards/write-golden.ts, review and commit`).toBe(
        true,
      );
      const rendered = c.render();
      expect(rendered).toStrictEqual(JSON.parse(readFileSync(file, 'utf8')));
      // Byte-for-byte too, so key order and formatting of the committed file stay canonical.
      expect(goldenText(rendered)).toBe(readFileSync(file, 'utf8'));
    });
  }
});
