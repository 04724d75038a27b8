// The local playground surface (see adapter.ts).
export { createWebAdapter, type WebAdapter, type WebAdapterOptions } from './adapter.js';
export type { PlaygroundEntry } from './hub.js';
