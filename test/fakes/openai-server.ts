// A tiny OpenAI-compatible server for tests: POST /v1/chat/completions on 127.0.0.1 with a programmable answer,
// recording every request body so tests can check what would have left the process.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeBehaviour =
  /** A completion whose message content is JSON.stringify(json). */
  | { kind: 'json'; json: unknown }
  /** A completion whose message content is exactly this string (e.g. invalid JSON). */
  | { kind: 'content'; content: string }
  /** Never answer; the connection is dropped when the server closes. */
  | { kind: 'hang' }
  /** An HTTP error with an OpenAI-style error body. */
  | { kind: 'error'; status: number; message?: string; type?: string };

export interface ChatMessage {
  role: string;
  content: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The raw body as received, for "does this string appear anywhere" checks. */
  raw: string;
  body: { model?: string; messages?: ChatMessage[]; [key: string]: unknown };
}

export interface FakeOpenAiServer {
  /** Base URL for the openai client, e.g. http://127.0.0.1:PORT/v1 */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** Sets the answer for the next requests: a fixed behaviour or one computed from the request. */
  respondWith(behaviour: FakeBehaviour | ((request: RecordedRequest) => FakeBehaviour)): void;
  close(): Promise<void>;
}

let completionCounter = 0;

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function completion(model: string, content: string) {
  completionCounter += 1;
  return {
    id: `chatcmpl-fake-${completionCounter}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

export async function startFakeOpenAi(): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  let behaviour: FakeBehaviour | ((request: RecordedRequest) => FakeBehaviour) = { kind: 'json', json: {} };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: RecordedRequest['body'] = {};
      try {
        body = raw ? (JSON.parse(raw) as RecordedRequest['body']) : {};
      } catch {
        // Recorded as-is; the route check below answers 400.
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, raw, body };
      requests.push(recorded);

      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        sendJson(res, 404, { error: { message: `No route ${req.method} ${path}`, type: 'invalid_request_error' } });
        return;
      }
      const b = typeof behaviour === 'function' ? behaviour(recorded) : behaviour;
      const model = typeof body.model === 'string' ? body.model : 'fake-model';
      switch (b.kind) {
        case 'json':
          sendJson(res, 200, completion(model, JSON.stringify(b.json)));
          return;
        case 'content':
          sendJson(res, 200, completion(model, b.content));
          return;
        case 'hang':
          return;
        case 'error':
          sendJson(res, b.status, {
            error: {
              message: b.message ?? 'The server had an error',
              type: b.type ?? 'server_error',
              param: null,
              code: null,
            },
          });
          return;
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    respondWith(next) {
      behaviour = next;
    },
    close() {
      return new Promise<void>((resolve) => {
        // Hanging requests keep their sockets open; drop them so close() does not wait for them.
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
