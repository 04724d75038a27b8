#!/usr/bin/env node
// Runs one TypeScript file given as argument (benchmarks, scripts).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
await import(pathToFileURL(resolve(process.argv[2])).href);
