// Rewrites the erasure table in docs/privacy.md from ERASURE_POLICY. Run by hand
// (`npx tsx test/privacy/write-privacy-doc.ts`), read the diff, commit; the tests never write it.
import { writeFileSync } from 'node:fs';
import { PRIVACY_DOC, readPrivacyDoc, withErasureTable } from './privacy-doc.js';

writeFileSync(PRIVACY_DOC, withErasureTable(readPrivacyDoc()));
console.log(`wrote the erasure table in ${PRIVACY_DOC}`);
