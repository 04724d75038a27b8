// Writes the golden files from the current renderers. Run by hand (`npx tsx test/cards/write-golden.ts`),
// inspect the diff, commit; the tests never write them.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { goldenCases, goldenDir, goldenText } from './golden.js';

mkdirSync(goldenDir, { recursive: true });
for (const c of goldenCases) {
  writeFileSync(path.join(goldenDir, c.file), goldenText(c.render()));
  console.log(`wrote ${path.relative(process.cwd(), path.join(goldenDir, c.file))}`);
}
