// LEERKANS_PLAYGROUND: local (default) answers only loopback requests to a local host name; remote answers a
// request for any host name (a container reached through a published port); off serves no playground at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config/env.js';
import { silentLogger } from '../../bot/log/logger.js';
import { type RunningLeerkans, startLeerkans } from '../../app/main.js';

// fetch() does not let a caller set Host; a container's port is reached under the host's own name.
const getWithHost = (url: string, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });

describe.each(['local', 'remote', 'off'] as const)('LEERKANS_PLAYGROUND=%s', (mode) => {
  let dataDir: string;
  let running: RunningLeerkans;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lk-pg-mode-'));
    const config = loadConfig({
      PORT: '0',
      LEERKANS_DATA_DIR: dataDir,
      LEERKANS_PLAYGROUND: mode,
      LEERKANS_DEMO: 'off',
    });
    running = await startLeerkans(config, silentLogger);
  });
  afterAll(async () => {
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the playground as the mode says, and /healthz in every mode', async () => {
    const base = `http://127.0.0.1:${running.port}`;
    expect(await getWithHost(`${base}/healthz`, 'leerkans.school.example.be')).toBe(200);
    const local = await getWithHost(`${base}/`, 'localhost');
    const named = await getWithHost(`${base}/`, 'leerkans.school.example.be');
    expect({ local, named }).toEqual(
      { local: { local: 200, named: 403 }, remote: { local: 200, named: 200 }, off: { local: 404, named: 404 } }[mode],
    );
  });
});

it('refuses an unknown LEERKANS_PLAYGROUND value naming the variable', () => {
  expect(() => loadConfig({ LEERKANS_PLAYGROUND: 'public' })).toThrow(/^Invalid LEERKANS_PLAYGROUND/);
});
