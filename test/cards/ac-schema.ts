// Validates JSON against the official Adaptive Card 1.5 schema (a committed copy in test/fixtures,
// so CI does not depend on a folder outside the repo). The schema is draft-06 and names itself with
// `id`, which Ajv 8 refuses: we add the draft-06 meta-schema and rename the root `id` to `$id`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { repoRoot } from './golden.js';

const require = createRequire(import.meta.url);

export const schemaCopyPath = path.join(repoRoot, 'test/fixtures/adaptive-card-1.5.schema.json');

const SCHEMA_ID = 'http://adaptivecards.io/schemas/adaptive-card.json';

function loadSchema(): Record<string, unknown> {
  const { id, ...rest } = JSON.parse(readFileSync(schemaCopyPath, 'utf8')) as Record<string, unknown>;
  return { $id: id ?? SCHEMA_ID, ...rest };
}

function makeAjv(): Ajv {
  // strict: false because the schema carries vocabulary Ajv does not know (version, features, examples).
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as Record<string, unknown>);
  // The schema uses these two formats; a real check beats silently ignoring them.
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'http://base.invalid/'));
  ajv.addSchema(loadSchema());
  return ajv;
}

const ajv = makeAjv();

/** The official schema alone. */
const officialValidator = ajv.getSchema(SCHEMA_ID)!;

/**
 * The official schema plus what it leaves to prose: a top-level card must state `version`
 * (the schema's own description says so, but does not require it) and Teams needs 1.5.
 */
const teamsValidator = ajv.compile({
  allOf: [
    { $ref: SCHEMA_ID },
    {
      type: 'object',
      required: ['type', 'version', 'body'],
      properties: { version: { const: '1.5' } },
    },
  ],
});

export interface SchemaResult {
  valid: boolean;
  errors: ErrorObject[];
}

export function validateOfficial(card: unknown): SchemaResult {
  const valid = officialValidator(card) as boolean;
  return { valid, errors: officialValidator.errors ?? [] };
}

export function validateForTeams(card: unknown): SchemaResult {
  const valid = teamsValidator(card) as boolean;
  return { valid, errors: teamsValidator.errors ?? [] };
}

/** A short summary for assertion messages: the deepest errors say the most. */
export function describeErrors(errors: ErrorObject[]): string {
  return errors
    .slice(0, 8)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`)
    .join('\n');
}
