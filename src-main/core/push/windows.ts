/**
 * What Windows (and any SMB share a Windows machine reads) refuses in a path, as pure rules:
 * the NAS layout is built so that it never produces such a name, and a Windows root is checked
 * before anything is written. Tested with `path.win32` on every platform.
 */
import { win32 } from 'node:path';

/** Device names, refused as a file or folder name with or without an extension. */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i;

/** Characters no Windows name may hold (and the control characters 0–31). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/;

/**
 * Without long paths enabled a Windows path holds at most 259 characters (MAX_PATH, 260 with
 * the final NUL); a folder at most 247, so that an 8.3 file name still fits in it.
 */
export const MAX_FILE_PATH = 259;
export const MAX_DIR_PATH = 247;

/** Why Windows refuses `name` as one file or folder name, or null. */
export function windowsNameProblem(name: string): string | null {
  if (name === '' || name === '.' || name === '..') return 'it is empty or a dot name';
  if (RESERVED.test(name)) return `${name.split('.')[0]} is a reserved device name on Windows`;
  const bad = FORBIDDEN.exec(name);
  if (bad) return `it contains ${JSON.stringify(bad[0])}, which Windows does not allow`;
  if (/[. ]$/.test(name)) return 'it ends with a dot or a space, which Windows drops';
  return null;
}

/** A name Windows accepts, made from one that already holds only safe characters. */
export function notReserved(name: string): string {
  return RESERVED.test(name) ? `${name}_` : name;
}

/**
 * Why `root` cannot be a NAS root on Windows, or null. Accepted: a drive letter with its
 * backslash (`N:\naaccord`), a UNC path to a share (`\\nas\naaccord`), and their `\\?\` forms.
 */
export function windowsRootProblem(root: string): string | null {
  if (/^\\\\\?\\(?:[A-Za-z]:\\|UNC\\[^\\]+\\[^\\]+)/i.test(root)) return null;
  if (/^[A-Za-z]:$/.test(root) || /^[A-Za-z]:[^\\/]/.test(root))
    return `${root} names the current folder of drive ${root[0]?.toUpperCase()}:, which changes from one program to the next. Write the full path, such as ${root.slice(0, 2)}\\naaccord.`;
  if (/^[\\/]{2}/.test(root)) {
    const parts = root.slice(2).split(/[\\/]/).filter(Boolean);
    if (parts.length < 2)
      return `${root} names a server but no shared folder on it. Write the share too, such as \\\\${parts[0] ?? 'nas'}\\naaccord.`;
    return firstNameProblem(parts);
  }
  if (!/^[A-Za-z]:[\\/]/.test(root))
    return `${root} is not a full Windows path. Use a drive letter (N:\\naaccord) or a network path (\\\\nas\\naaccord).`;
  return firstNameProblem(root.slice(3).split(/[\\/]/).filter(Boolean));
}

function firstNameProblem(parts: string[]): string | null {
  for (const part of parts) {
    const why = windowsNameProblem(part);
    if (why) return `The folder name "${part}" cannot be used on Windows: ${why}.`;
  }
  return null;
}

/**
 * Why the longest names Courier will create under a Windows root are too long, or null. The
 * partial (`.<name>-<sha12>.duckdb.partial`) is the longest file; `dir` the deepest folder.
 */
export function windowsPathProblem(
  paths: { dir: string; longestFile: string },
  longPaths = false,
): string | null {
  if (longPaths) return null;
  const dir = win32.normalize(paths.dir);
  const file = win32.normalize(paths.longestFile);
  if (dir.length > MAX_DIR_PATH || file.length > MAX_FILE_PATH)
    return `Windows programs cannot open paths longer than ${MAX_FILE_PATH + 1} characters, and ${file} has ${file.length}. Choose a NAS folder with a shorter path, such as N:\\naaccord.`;
  return null;
}
