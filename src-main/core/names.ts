/**
 * The names Courier writes, by one rule everywhere: local artifacts and reports, NAS folders
 * and files, browser uploads. File systems count bytes, not characters (255 bytes a name on
 * most), and SMB, Windows and older tools refuse much that a coordinator's file may be called,
 * so every name is built from:
 * - NFC: the same name typed on macOS (NFD) and Windows (NFC) is one name;
 * - transliteration for ASCII names (`Montréal` → `Montreal`, `Straße` → `Strasse`);
 * - shortening by UTF-8 bytes, keeping a short hash of the whole name so that two long names
 *   sharing their beginning stay apart.
 */
import { createHash } from 'node:crypto';

/** Letters that do not decompose into a base letter and a mark. */
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
};

/** 8 hex digits of the SHA-256 of a name (NFC), to tell apart names that shorten alike. */
export function nameHash(whole: string): string {
  return createHash('sha256').update(whole.normalize('NFC'), 'utf8').digest('hex').slice(0, 8);
}

/** Latin letters with accents as their base letters; other scripts are left as they are. */
export function transliterate(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæÆœŒøØđĐłŁðÐþÞı]/g, (c) => SPECIAL[c] ?? c);
}

/** ASCII letters, digits, `-` and `_`; any other run of characters becomes one `-`. */
export function asciiName(text: string): string {
  return transliterate(text)
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes (never inside a character), ending with
 * `-<hash of whole>` when it had to be cut.
 */
export function fitBytes(text: string, maxBytes: number, whole: string = text): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const tag = `-${nameHash(whole)}`;
  const room = maxBytes - tag.length;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (used + n > room) break;
    out += ch;
    used += n;
  }
  return `${out.replace(/[-_.\s]+$/u, '')}${tag}`;
}

/** A source name's last path part, in NFC: `C:\x\lab 2025.csv` → `lab 2025.csv`. */
export function lastPart(name: string): string {
  return (name.split(/[\\/]/).pop() ?? name).normalize('NFC');
}

/** A name's stem: its last part without extension (a leading dot is not an extension). */
export function stemOf(name: string): string {
  const last = lastPart(name);
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(0, dot) : last;
}

/** Longest stem of an artifact's name (ASCII, so bytes = characters). */
export const MAX_STEM = 48;

/**
 * The stem of an artifact's file name, the same on this computer and on the NAS:
 * `Résultats labo 2025.csv` → `Resultats-labo-2025`; nothing usable left → `source`.
 * The full name is `<stem>-<sha12>` (Contract 4).
 */
export function artifactStem(sourceName: string): string {
  return safeStem(stemOf(sourceName));
}

/** A stem made safe for every file system: ASCII, at most {@link MAX_STEM} characters. */
export function safeStem(stem: string): string {
  return fitBytes(asciiName(stem), MAX_STEM, stem) || 'source';
}

/** `<stem>-<sha12>`: an artifact's, its report's and its manifest's base name. */
export function artifactBase(sourceName: string, sourceSha256: string): string {
  return `${artifactStem(sourceName)}-${sourceSha256.slice(0, 12).toLowerCase()}`;
}

/** Longest name of a file Courier keeps with its own name (an upload): bytes, not characters. */
export const MAX_FILE_NAME_BYTES = 200;

/**
 * A file name as a browser sent it, made safe to create in a private folder: no folders, no
 * control characters, not empty, at most {@link MAX_FILE_NAME_BYTES} bytes; the extension is
 * kept (it says what the file is) and letters of any script too.
 */
export function safeFileName(name: string): string {
  const base = [...lastPart(name)]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '/' && c !== '\\')
    .join('')
    .trim();
  const cleaned = base === '.' || base === '..' ? '' : base.replace(/^\.+/, '');
  if (!cleaned) return 'upload.csv';
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  const stem = ext ? cleaned.slice(0, dot) : cleaned;
  return `${fitBytes(stem, MAX_FILE_NAME_BYTES - Buffer.byteLength(ext, 'utf8'), cleaned)}${ext}`;
}

/**
 * A name as a terminal line may print it: control characters (a newline could fake an output
 * line) and the escape character shown as `\n`, `\x1b`…, nothing else changed.
 */
export function printable(name: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code > 0xff
      ? `\\u${code.toString(16).padStart(4, '0')}`
      : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
