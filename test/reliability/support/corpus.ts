// The bad-input corpus (test/fixtures/bad-input): chat texts, forged card data, cron/zone values and bad import
// files. Long values are described in the data files (`repeat` to a `length`, `nest` levels deep) and built here.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const corpusDir = fileURLToPath(new URL('../../fixtures/bad-input/', import.meta.url));

type Spec = unknown;

/**
 * `{repeat, length, suffix?}` → the string; `{repeatItem, times}` → a list; `{repeatKeys, times, value}` → an object
 * with that many keys; `{nest, value}` → value wrapped `nest` levels deep; anything else as is.
 */
export function build(spec: Spec): unknown {
  if (Array.isArray(spec)) return spec.map(build);
  if (!spec || typeof spec !== 'object') return spec;
  const o = spec as Record<string, unknown>;
  if (typeof o.repeat === 'string' && typeof o.length === 'number') {
    let s = o.repeat.repeat(Math.ceil(o.length / o.repeat.length)).slice(0, o.length);
    // Never end on half a surrogate pair unless the corpus asks for one.
    if (/[\ud800-\udbff]$/.test(s)) s = s.slice(0, -1);
    return s + (typeof o.suffix === 'string' ? o.suffix : '');
  }
  if (typeof o.times === 'number' && 'repeatItem' in o) {
    return Array.from({ length: o.times }, () => build(o.repeatItem));
  }
  if (typeof o.times === 'number' && typeof o.repeatKeys === 'string') {
    return Object.fromEntries(Array.from({ length: o.times as number }, (_, i) => [`${o.repeatKeys}${i}`, o.value]));
  }
  if (typeof o.nest === 'number') {
    let value: unknown = build(o.value);
    for (let i = 0; i < o.nest; i++) value = { nested: value };
    return value;
  }
  // JSON.parse makes "__proto__" an own key; keep it one (a plain assignment would set the prototype).
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) Object.defineProperty(out, k, { value: build(v), enumerable: true });
  return out;
}

const json = (name: string) => JSON.parse(readFileSync(`${corpusDir}${name}`, 'utf8')) as Record<string, unknown>;

export interface CorpusText {
  name: string;
  text: string;
}

export const texts = (): CorpusText[] =>
  (json('texts.json').texts as Record<string, unknown>[]).map((t) => ({
    name: String(t.name),
    text: (t.text ?? build(t)) as string,
  }));

export interface ForgedData {
  name: string;
  data: unknown;
}
export interface ForgedInputs {
  name: string;
  inputs: Record<string, string>;
}

export function cards(): { unknownVerbs: string[]; data: ForgedData[]; inputs: ForgedInputs[] } {
  const c = json('cards.json');
  return {
    unknownVerbs: (c.unknownVerbs as Spec[]).map((v) => build(v) as string),
    data: (c.data as Record<string, unknown>[]).map((d) => ({ name: String(d.name), data: build(d.data) })),
    inputs: (c.inputs as Record<string, unknown>[]).map((d) => ({
      name: String(d.name),
      inputs: build(d.inputs) as Record<string, string>,
    })),
  };
}

export function schedules(): { crons: string[]; zones: string[]; names: string[] } {
  const s = json('schedules.json');
  const list = (key: string) => (s[key] as Spec[]).map((v) => build(v) as string);
  return { crons: list('crons'), zones: list('zones'), names: list('names') };
}

export interface BadFile {
  file: string;
  path: string;
  /** The CLI command that reads it: `import roster`, `import shifts`, … */
  command: string;
}

/** Every bad import file; the command follows from its name (roster-…, shifts-…, framework-…, holidays-…). */
export function badFiles(): BadFile[] {
  const dir = `${corpusDir}files/`;
  return readdirSync(dir)
    .sort()
    .map((file) => ({ file, path: `${dir}${file}`, command: `import ${file.split('-')[0]}` }));
}

export interface BadRequest {
  name: string;
  contentType: string;
  /** The body as sent (built from `body`, `json`, `repeat`, `formPayload`), unless the test builds it. */
  body?: string;
  /** Teams: changes to a valid message activity; `invoke`: the value of an Action.Execute invoke. */
  activity?: Record<string, unknown>;
  invoke?: unknown;
  /** Playground: which API path. */
  path?: string;
  /** Odd but well-formed: handled like any message (a reply, its event key stored). */
  valid: boolean;
}

export function requests(): Record<'slack' | 'teams' | 'playground', BadRequest[]> {
  const r = json('requests.json');
  const list = (key: string): BadRequest[] =>
    (r[key] as Record<string, unknown>[]).map((c) => {
      const request: BadRequest = { name: String(c.name), contentType: String(c.contentType), valid: c.valid === true };
      if (typeof c.path === 'string') request.path = c.path;
      if (typeof c.body === 'string') request.body = c.body;
      if ('json' in c) request.body = JSON.stringify(build(c.json));
      if ('repeat' in c) request.body = build(c) as string;
      if ('formPayload' in c)
        request.body = new URLSearchParams({ payload: JSON.stringify(build(c.formPayload)) }).toString();
      if ('activity' in c) request.activity = build(c.activity) as Record<string, unknown>;
      if ('invoke' in c) request.invoke = build(c.invoke);
      return request;
    });
  return { slack: list('slack'), teams: list('teams'), playground: list('playground') };
}
