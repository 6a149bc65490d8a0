import { isAscii, isUtf8 } from 'node:buffer';

/*
 * Encoding evidence gathered chunk by chunk during the scan: invalid UTF-8 sequences and their
 * lines, valid multi-byte sequences, and the bytes that tell Windows-1252 from ISO-8859-1.
 */

/** Positions of invalid UTF-8 sequences in `b` (a complete chunk). */
function invalidUtf8Positions(b: Uint8Array, limit: number): { bad: number[]; multibyte: number } {
  const bad: number[] = [];
  let multibyte = 0;
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let min = 0;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      if (bad.length < limit) bad.push(i);
      i++;
      continue;
    }
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (!ok) {
      if (bad.length < limit) bad.push(i);
      i++;
      continue;
    }
    multibyte++;
    i += need + 1;
  }
  return { bad, multibyte };
}

/** Bytes that Windows-1252 leaves undefined. */
export const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** The line of each position in `chunk`, counting terminators from `startLine`. */
export function linesOf(chunk: Uint8Array, startLine: number, positions: number[]): number[] {
  const order = positions.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(positions.length);
  let line = startLine;
  let i = 0;
  for (const [p, k] of order) {
    for (; i < p; i++) {
      const b = chunk[i];
      if (b === 0x0a) line++;
      else if (b === 0x0d && chunk[i + 1] !== 0x0a) line++;
    }
    out[k] = line;
  }
  return out;
}

export function checkEncodingChunk(
  fresh: Uint8Array,
  carry: Buffer,
  isLast: boolean,
): { carry: Buffer; bad: number[]; undef: number[]; multibyte: number; hasC1: boolean } {
  if (carry.length === 0 && isAscii(fresh)) {
    return { carry: Buffer.alloc(0), bad: [], undef: [], multibyte: 0, hasC1: false };
  }
  // Keep an incomplete trailing sequence for the next chunk.
  let cut = fresh.length;
  if (!isLast) {
    for (let k = 1; k <= 3 && fresh.length - k >= 0; k++) {
      const b = fresh[fresh.length - k]!;
      if ((b & 0xc0) === 0x80) continue;
      if (b >= 0xc0) {
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        if (k < need) cut = fresh.length - k;
      }
      break;
    }
  }
  const body = carry.length
    ? Buffer.concat([carry, fresh.subarray(0, cut)])
    : fresh.subarray(0, cut);
  const nextCarry = Buffer.from(fresh.subarray(cut));
  let hasC1 = false;
  const undef: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    if (b >= 0x80 && b <= 0x9f) {
      hasC1 = true;
      if (CP1252_UNDEFINED.has(b) && undef.length < 1000) undef.push(i - carry.length);
    }
  }
  if (isUtf8(body)) {
    let mb = 0;
    for (let i = 0; i < body.length; i++) if (body[i]! >= 0xc0) mb++;
    return { carry: nextCarry, bad: [], undef: [], multibyte: mb, hasC1 };
  }
  const { bad, multibyte } = invalidUtf8Positions(body, 1000);
  // Positions relative to `fresh` (carry bytes belong to the previous chunk's end).
  return {
    carry: nextCarry,
    bad: bad.map((p) => Math.max(0, p - carry.length)),
    undef: undef.map((p) => Math.max(0, p)),
    multibyte,
    hasC1,
  };
}
