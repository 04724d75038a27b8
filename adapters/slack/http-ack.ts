// Bolt's ack() for a request that arrived through our HTTP route. Like bolt-js's HTTPResponseAck with
// processBeforeResponse off: the HTTP response is written the moment ack() is called, so Slack sees 200 before the
// core runs. A request nobody acknowledges is answered when the timer runs out, so Slack never waits past 3 s.
import type { ServerResponse } from 'node:http';
import { ReceiverMultipleAckError } from '@slack/bolt';

/** Bolt's HTTPReceiver gives up at 3001 ms; Slack itself stops waiting at 3 s. */
export const ACK_TIMEOUT_MS = 3001;

export interface HttpAck {
  /** The function Bolt hands to listeners as `ack`. */
  readonly fn: (response?: unknown) => Promise<void>;
  readonly acknowledged: boolean;
  /** Answers 200 with an empty body unless a listener already did (events nobody listens to, ignored types). */
  settle(): void;
}

export function createHttpAck(res: ServerResponse, onTimeout: () => void, timeoutMs = ACK_TIMEOUT_MS): HttpAck {
  let acknowledged = false;
  const timer = setTimeout(() => {
    if (acknowledged) return;
    acknowledged = true;
    onTimeout();
    // Slack retries events on a failed delivery; the dedupe key makes that safe.
    if (!res.headersSent) writeResponse(res, 500, undefined);
  }, timeoutMs);
  timer.unref();

  const respond = (body: unknown) => {
    acknowledged = true;
    clearTimeout(timer);
    writeResponse(res, 200, body);
  };
  return {
    fn: async (response?: unknown) => {
      if (acknowledged) throw new ReceiverMultipleAckError();
      respond(response);
    },
    get acknowledged() {
      return acknowledged;
    },
    settle() {
      if (!acknowledged) respond(undefined);
    },
  };
}

function writeResponse(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === null || body === '') {
    res.writeHead(status, { 'content-length': 0 });
    res.end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
