/**
 * The HTTP side of the contract: `POST /api/invoke` with `{channel, args}` answers the same
 * result envelope as the WebSocket (for scripts and simple clients; the app itself uses /ws),
 * and `POST /api/upload` takes a file dropped in the browser.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Access } from './auth';
import { hostAllowed, originAllowed } from './auth';
import { dispatch, type SomeHandlers } from '../contract/dispatch';
import { sendJson, sendText } from './responses';
import { handleUpload, type UploadSink } from './uploads';

const MAX_BODY_BYTES = 1024 * 1024;
const invokeSchema = z.object({
  channel: z.string().min(1).max(200),
  args: z.unknown().optional(),
});

/** Answers any request under /api: Origin first (403), then session (401), then the route. */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: { port: number; access: Access; handlers: SomeHandlers; uploads?: UploadSink },
): Promise<void> {
  if (!hostAllowed(req, ctx.port) || !originAllowed(req, ctx.port)) {
    return sendText(res, 403, 'API calls must come from the Courier page itself.');
  }
  if (!ctx.access.allows(req)) {
    return sendText(res, 401, 'Courier needs the session of the page opened from its link.');
  }
  if (url.pathname === '/api/upload') return handleUpload(req, res, ctx.uploads);
  if (url.pathname !== '/api/invoke') return sendText(res, 404, 'Not found.');
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendText(res, 405, 'Use POST.');
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendText(res, 415, 'Send JSON (Content-Type: application/json).');
  }
  const body = await readBody(req);
  if (body === null) return sendText(res, 413, 'The request is too large.');
  let parsed: z.ZodSafeParseResult<z.infer<typeof invokeSchema>>;
  try {
    parsed = invokeSchema.safeParse(JSON.parse(body));
  } catch {
    parsed = invokeSchema.safeParse(undefined);
  }
  if (!parsed.success) {
    return sendJson(res, 400, {
      ok: false,
      error: { code: 'bad-request', message: 'Expected JSON {channel, args}.' },
    });
  }
  sendJson(res, 200, await dispatch(ctx.handlers, parsed.data.channel, parsed.data.args));
}

/** Reads the body as text, or null once it passes the size limit. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
