/** Names in a watched folder that are never taken: temporary files, and the systems' own. */

const TEMP_NAME = [/^~\$/, /\.part$/i, /\.crdownload$/i, /\.tmp$/i, /\.swp$/i, /\.swx$/i, /^\./];

/** Temporary or hidden names that are never taken (Office locks, downloads, editors). */
export function isTemporaryName(name: string): boolean {
  return TEMP_NAME.some((re) => re.test(name));
}

/**
 * Files and folders that operating systems and NAS boxes put in folders by themselves:
 * thumbnail caches, folder settings, recycle bins, snapshots (hidden names such as `.DS_Store`
 * are temporary names already). Compared without case, as Windows and macOS do.
 */
const SYSTEM_NAMES: ReadonlySet<string> = new Set([
  'thumbs.db',
  'thumbs.db:encryptable',
  'ehthumbs.db',
  'ehthumbs_vista.db',
  'desktop.ini',
  'icon\r',
  '$recycle.bin',
  'system volume information',
  'recycler',
  'lost+found',
  '@eadir', // Synology thumbnails
  '#recycle', // Synology
  '#snapshot', // Synology
  '~snapshot', // NetApp
]);

/** Whether `name` is an operating system's or a NAS's own file or folder. */
export function isSystemName(name: string): boolean {
  return SYSTEM_NAMES.has(name.toLowerCase());
}

/** Never taken, never entered: temporary names and system files and folders. */
export function isIgnoredName(name: string): boolean {
  return isTemporaryName(name) || isSystemName(name);
}
