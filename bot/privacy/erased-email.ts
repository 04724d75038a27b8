// What an erasure keeps of the email it erased: a SHA-256 digest in its audit entry, so that `leerkans audit --email`
// can confirm afterwards that this address was erased, and when (accountability, GDPR art. 5(2)). The digest names no
// one by itself; only someone who already knows the address can match it (docs/privacy.md, "Audit log").
import { createHash } from 'node:crypto';

export const erasedEmailDigest = (email: string): string =>
  createHash('sha256').update(`leerkans-erased:${email.trim().toLowerCase()}`).digest('hex');
