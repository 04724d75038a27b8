#!/usr/bin/env node
// Run by npm after install: prepares what makes the first `npm start` fast (a migrated embedded-database
// template). Never fails the install: without the template, the first start only takes a few seconds longer.
import { register } from 'tsx/esm/api';

register();
try {
  const { buildEmbeddedTemplate } = await import('../db/embedded-template.ts');
  await buildEmbeddedTemplate();
} catch (error) {
  process.stderr.write(`leerkans: embedded database template not prepared (${error?.message ?? error})\n`);
}
