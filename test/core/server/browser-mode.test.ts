import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startBrowserMode, type BrowserMode } from '../../../src-main/core/server/browserMode';
import { toWire } from '../../../src-main/core/contract/dispatch';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  port: number,
  p: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: p, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('browser mode on the service', () => {
  let dir: string;
  let mode: BrowserMode;
  let origin: string;
  let cookie: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-bm-'));
    const renderer = path.join(dir, 'renderer');
    await mkdir(renderer);
    await writeFile(path.join(renderer, 'index.html'), '<!doctype html><div id="root"></div>');
    mode = await startBrowserMode({
      rendererDir: renderer,
      version: '9.9.9',
      service: { home: path.join(dir, 'home'), nasCheckMs: 0, retryMs: 0 },
    });
    origin = `http://127.0.0.1:${mode.server.port}`;
    // The link's first visit trades the token for this test's session.
    const traded = await fetch(`${origin}/?token=${mode.server.token}`, { redirect: 'manual' });
    cookie = (traded.headers.get('set-cookie') ?? '').split(';')[0]!;
  });
  afterAll(async () => {
    await mode.close();
    await rm(dir, { recursive: true, force: true });
  });

  const upload = (name: string, body: string, headers: Record<string, string> = {}) =>
    send(mode.server.port, '/api/upload', {
      method: 'POST',
      headers: {
        Origin: origin,
        Cookie: cookie,
        'Content-Type': 'application/octet-stream',
        'X-Courier-File-Name': encodeURIComponent(name),
        ...headers,
      },
      body,
    });

  it('streams a dropped file to a private upload, queues it, keeps it until the job is removed', async () => {
    const res = await upload('../../etc/lab 2025.csv', 'a,b\n1,2\n');
    expect(res.status).toBe(200);
    const reply = JSON.parse(res.body) as { ok: boolean; value: { queued: string[] } };
    expect(reply.ok).toBe(true);
    expect(reply.value.queued).toHaveLength(1);
    await mode.service.idle();
    const [job] = mode.service.listJobs('inbox', 0, 5).items;
    // The name is the file's own, never a path; the job ran on the uploaded copy.
    expect(job?.name).toBe('lab 2025.csv');
    expect(job?.origin).toBe('upload');
    // Kept privately so that it can be checked again, until its job is sent or removed (the
    // window learns the copy is there from a background check, never a blocking one).
    const deadline = Date.now() + 10_000;
    while (!mode.service.getJob(job!.id).canReingest && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(mode.service.getJob(job!.id).canReingest).toBe(true);
    const uploads = path.join(dir, 'home', 'workspace', 'uploads');
    const [folder] = await readdir(uploads);
    expect(await readdir(path.join(uploads, folder!))).toEqual(['lab 2025.csv']);
    expect((await stat(path.join(uploads, folder!))).mode & 0o777).toBe(0o700);
    await mode.service.remove([job!.id]);
    expect(await readdir(uploads)).toEqual([]);
  });

  it('refuses uploads without the page’s Origin, the token, or the right type', async () => {
    expect((await upload('x.csv', 'a', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await upload('x.csv', 'a', { Cookie: '' })).status).toBe(401);
    expect((await upload('x.csv', 'a', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await upload('', 'a')).status).toBe(400);
  });

  it('offers exports as one-time download links that need the session', async () => {
    const [job] = mode.service.listJobs('all', 0, 5).items;
    const ws = new WebSocket(`ws://127.0.0.1:${mode.server.port}/ws`, {
      headers: { Cookie: cookie },
      origin,
    });
    await new Promise((r) => ws.once('open', r));
    const reply = await new Promise<{
      ok: boolean;
      value: { kind: string; url: string; fileName: string };
    }>((resolve) => {
      ws.once('message', (d) => resolve(JSON.parse(String(d)) as never));
      ws.send(
        JSON.stringify({ id: 1, channel: 'report.export', args: { id: job!.id, kind: 'json' } }),
      );
    });
    ws.close();
    expect(reply.value).toMatchObject({ kind: 'download', fileName: 'lab-2025.report.json' });
    expect((await send(mode.server.port, reply.value.url)).status).toBe(401);
    const got = await send(mode.server.port, reply.value.url, { headers: { Cookie: cookie } });
    expect(got.status).toBe(200);
    expect(got.headers['content-disposition']).toContain(
      'attachment; filename="lab-2025.report.json"',
    );
    expect(JSON.parse(got.body)).toMatchObject({ reportVersion: 1 });
    expect(
      (
        await send(mode.server.port, '/download/AAAAAAAAAAAAAAAAAAAAAAAA', {
          headers: { Cookie: cookie },
        })
      ).status,
    ).toBe(404);
  });

  it('forwards service events to the WebSocket', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${mode.server.port}/ws`, {
      headers: { Cookie: cookie },
      origin,
    });
    await new Promise((r) => ws.once('open', r));
    const events: string[] = [];
    ws.on('message', (d) => {
      const frame = JSON.parse(String(d)) as { event?: string };
      if (frame.event) events.push(frame.event);
    });
    await upload('again.csv', 'x,y\n3,4\n');
    await mode.service.idle();
    await expect.poll(() => events).toContain('job.finished');
    expect(events).toContain('jobs.changed');
    ws.close();
  });

  it('keeps values JSON-safe at the boundary: bigint and Date', () => {
    expect(
      toWire({ a: 5n, b: new Date('2026-01-02T03:04:05Z'), c: [2n ** 70n], d: undefined }),
    ).toEqual({
      a: 5,
      b: '2026-01-02T03:04:05.000Z',
      c: ['1180591620717411303424'],
    });
  });

  it('keeps the settings file under COURIER_HOME', async () => {
    mode.service.settings.update({ site: 'Here' });
    expect(JSON.parse(await readFile(path.join(dir, 'home', 'config.json'), 'utf8'))).toMatchObject(
      { site: 'Here' },
    );
  });
});
