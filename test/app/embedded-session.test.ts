// PGlite is one PostgreSQL session. The old design served it to a `pg` pool through pglite-socket, whose queue takes
// protocol messages from every connection in arrival order: one connection's Bind could land on another's Parse
// ("bind message supplies 2 parameters, but prepared statement "" requires 1"), or on a statement of the same shape
// and silently return someone else's rows. The first test reproduces that on bare pglite-socket, deterministically;
// the others show the in-process design cannot interleave: every query's protocol messages run as one block, and
// a transaction's statements are never mixed with another caller's.
import { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPGliteDb, NestedSessionUseError } from '../../db/pglite-driver.js';

// --- the PostgreSQL frontend protocol, just enough to drive two connections by hand -------------------------------
const cstr = (s: string) => Buffer.from(`${s}\0`);
const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const message = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
};
const startup = () => {
  const body = Buffer.concat([
    int32(196608),
    cstr('user'),
    cstr('postgres'),
    cstr('database'),
    cstr('postgres'),
    cstr(''),
  ]);
  return Buffer.concat([int32(body.length + 4), body]);
};
const parse = (sql: string) => message('P', cstr(''), cstr(sql), int16(0));
const bind = (values: string[]) =>
  message(
    'B',
    cstr(''),
    cstr(''),
    int16(0),
    int16(values.length),
    ...values.flatMap((v) => [int32(Buffer.byteLength(v)), Buffer.from(v)]),
    int16(0),
  );
const execute = () => message('E', cstr(''), int32(0));
const sync = () => message('S');
const flush = () => message('H');

interface Reply {
  errors: string[];
  values: string[];
}

/** A raw connection that collects backend messages until ReadyForQuery. */
class RawConnection {
  private buffer = Buffer.alloc(0);
  private waiting: ((r: Reply) => void) | undefined;
  private parsed: (() => void) | undefined;
  private current: Reply = { errors: [], values: [] };
  readonly socket: Socket;

  constructor(port: number) {
    this.socket = new Socket();
    this.socket.connect(port, '127.0.0.1');
    this.socket.on('data', (d: Buffer) => this.onData(d));
  }

  private onData(data: Buffer) {
    this.buffer = Buffer.concat([this.buffer, data]);
    while (this.buffer.length >= 5) {
      const type = String.fromCharCode(this.buffer[0]!);
      const length = this.buffer.readInt32BE(1);
      if (this.buffer.length < length + 1) return;
      const body = this.buffer.subarray(5, length + 1);
      this.buffer = this.buffer.subarray(length + 1);
      if (type === '1') {
        this.parsed?.();
        this.parsed = undefined;
      } else if (type === 'E') {
        const fields = body.toString('utf8').split('\0');
        this.current.errors.push(fields.find((f) => f.startsWith('M'))!.slice(1));
      } else if (type === 'D') {
        const len = body.readInt32BE(2);
        this.current.values.push(body.subarray(6, 6 + len).toString('utf8'));
      } else if (type === 'Z') {
        const done = this.current;
        this.current = { errors: [], values: [] };
        this.waiting?.(done);
        this.waiting = undefined;
      }
    }
  }

  /** Sends bytes; resolves with what came back up to the next ReadyForQuery. */
  exchange(bytes: Buffer): Promise<Reply> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(bytes);
    });
  }

  /** Sends a Parse followed by a Flush; resolves once the server says the statement is parsed (ParseComplete). */
  parseNow(sql: string): Promise<void> {
    return new Promise((resolve) => {
      this.parsed = resolve;
      this.socket.write(Buffer.concat([parse(sql), flush()]));
    });
  }
}

describe('the old design: a pool of connections over pglite-socket (reproduces issue #1046 upstream)', () => {
  let pglite: PGlite;
  let server: PGLiteSocketServer;
  let port: number;

  beforeAll(async () => {
    pglite = new PGlite();
    await pglite.waitReady;
    server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await server.start();
    port = Number(server.getServerConn().split(':')[1]);
  });
  afterAll(async () => {
    await server.stop();
    await pglite.close();
  });

  it("binds one connection's parameters to another connection's statement", async () => {
    const a = new RawConnection(port);
    const b = new RawConnection(port);
    await a.exchange(startup());
    await b.exchange(startup());
    // Connection A has parsed its two-parameter statement and is about to bind it (a pg client writes these as
    // separate messages; a large parameter spans several TCP segments)...
    await a.parseNow('SELECT $1::int + $2::int AS sum');
    // ...when connection B runs a complete one-parameter query: it replaces the session's unnamed statement.
    const bReply = await b.exchange(Buffer.concat([parse('SELECT $1::int AS one'), bind(['7']), execute(), sync()]));
    expect(bReply).toEqual({ errors: [], values: ['7'] });
    // A's Bind now lands on B's statement.
    const aReply = await a.exchange(Buffer.concat([bind(['1', '2']), execute(), sync()]));
    expect(aReply.errors).toEqual(['bind message supplies 2 parameters, but prepared statement "" requires 1']);
    expect(aReply.values).toEqual([]);
    a.socket.destroy();
    b.socket.destroy();
  });
});

describe('the new design: PGlite in-process, one exclusive lock per query and per transaction', () => {
  let pglite: PGlite;
  /** Every protocol message PGlite executes, in order: its type and, for Parse and Query, the SQL. */
  const seen: { type: string; sql?: string }[] = [];

  beforeAll(async () => {
    pglite = new PGlite();
    await pglite.waitReady;
    await pglite.exec('CREATE TABLE marks (caller int NOT NULL, n int NOT NULL)');
    const original = pglite.execProtocolStream.bind(pglite);
    pglite.execProtocolStream = (msg, options) => {
      const type = String.fromCharCode(msg[0]!);
      const text = Buffer.from(msg).toString('utf8');
      const sql = type === 'P' ? text.slice(6).split('\0')[0] : type === 'Q' ? text.slice(5).split('\0')[0] : undefined;
      seen.push(sql === undefined ? { type } : { type, sql });
      return original(msg, options);
    };
  });
  afterAll(async () => {
    await pglite.close();
  });

  it('runs each query and each whole transaction as one uninterrupted block, under load', async () => {
    const db = createPGliteDb(pglite, 'test', false);
    seen.length = 0;
    const callers = Array.from({ length: 48 }, async (_, caller) => {
      for (let round = 0; round < 3; round++) {
        if (caller % 3 === 0) {
          // A transaction that yields to the event loop between its statements: others are waiting meanwhile.
          await db.transaction(async (tx) => {
            await tx.query(`INSERT INTO marks VALUES ($1, $2) /* c${caller} */`, [caller, round]);
            await sleep(1);
            const r = await tx.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM marks WHERE caller = $1 /* c${caller} */`,
              [caller],
            );
            expect(r.rows[0]!.n).toBe(round + 1);
          });
        } else if (caller % 3 === 1) {
          const r = await db.query<{ sum: number }>(`SELECT $1::int + $2::int AS sum /* c${caller} */`, [
            caller,
            round,
          ]);
          expect(r.rows[0]!.sum).toBe(caller + round);
        } else {
          const r = await db.query<{ one: number }>(`SELECT $1::int AS one /* c${caller} */`, [caller * 100 + round]);
          expect(r.rows[0]!.one).toBe(caller * 100 + round);
        }
      }
    });
    await Promise.all(callers);

    // Parse, Describe, Bind, Describe, Execute, Sync: nothing of anyone else in between.
    const callerOf = (sql: string | undefined) => sql?.match(/\/\* c(\d+) \*\//)?.[1];
    let i = 0;
    let transactions = 0;
    let queries = 0;
    const extendedQuery = () => {
      expect(seen.slice(i, i + 6).map((m) => m.type)).toEqual(['P', 'D', 'B', 'D', 'E', 'S']);
      const who = callerOf(seen[i]!.sql);
      i += 6;
      return who;
    };
    while (i < seen.length) {
      const m = seen[i]!;
      if (m.type === 'Q' && m.sql === 'BEGIN') {
        transactions++;
        i += 2; // Query, Sync
        const owners = new Set<string | undefined>();
        while (!(seen[i]!.type === 'Q' && seen[i]!.sql === 'COMMIT')) owners.add(extendedQuery());
        i += 2;
        // Only the transaction's own statements between BEGIN and COMMIT.
        expect([...owners]).toHaveLength(1);
      } else {
        extendedQuery();
        queries++;
      }
    }
    expect(transactions).toBe(16 * 3);
    expect(queries).toBe(32 * 3);
  });

  it("keeps other callers' statements out of a transaction: they neither see its rows nor roll back with it", async () => {
    const db = createPGliteDb(pglite, 'test', false);
    await db.exec('DELETE FROM marks');
    let outsideSaw = -1;
    const failing = db
      .transaction(async (tx) => {
        await tx.query('INSERT INTO marks VALUES (1, 1)');
        await sleep(30); // the outside caller runs its queries now, if it can
        throw new Error('roll back');
      })
      .catch((e: Error) => e.message);
    const outside = (async () => {
      await sleep(5);
      await db.query('INSERT INTO marks VALUES (2, 2)');
      outsideSaw = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM marks WHERE caller = 1')).rows[0]!.n;
    })();
    expect(await failing).toBe('roll back');
    await outside;
    // Had the outside INSERT run inside the transaction, it would be gone; had its SELECT, it would count 1.
    expect(outsideSaw).toBe(0);
    const rows = await db.query<{ caller: number }>('SELECT caller FROM marks ORDER BY caller');
    expect(rows.rows).toEqual([{ caller: 2 }]);
  });

  it('refuses, instead of deadlocking, a query on the database itself from inside one of its transactions', async () => {
    const db = createPGliteDb(pglite, 'test', false);
    await expect(db.transaction(async () => db.query('SELECT 1'))).rejects.toThrow(NestedSessionUseError);
    // A promise started inside a transaction that runs on after it ended is not refused.
    let later: Promise<unknown> | undefined;
    await db.transaction(async (tx) => {
      later = sleep(10).then(() => db.query('SELECT 1 AS ok'));
      await tx.query('SELECT 1');
    });
    await expect(later).resolves.toMatchObject({ rows: [{ ok: 1 }] });
  });
});
