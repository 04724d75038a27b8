#!/usr/bin/env node
// `npx leerkans …`: the command-line interface, on the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../app/cli.ts');
