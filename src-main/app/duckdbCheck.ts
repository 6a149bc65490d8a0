/**
 * Whether this build carries DuckDB's native binding for this computer, checked without
 * loading it: a package built for another system (a Windows build on an ARM laptop, an x64
 * dmg on Apple silicon without Rosetta) must say so in plain words before anything else,
 * not die while loading.
 */
import { createRequire } from 'node:module';

/** The binding package DuckDB's loader asks for on this system (`@duckdb/node-bindings` names). */
export function bindingPackage(platform: string, arch: string, musl: boolean): string {
  return `@duckdb/node-bindings-${platform}-${arch}${platform === 'linux' && musl ? '-musl' : ''}`;
}

/**
 * A plain message when no binding for this system is in the build, or null when there is one.
 * On Linux either C library's build counts (DuckDB's loader picks between them): refusing to
 * start on a doubt would be worse than the worker's own plain error later.
 */
export function duckdbBindingProblem(
  platform: string = process.platform,
  arch: string = process.arch,
  from: string = import.meta.url,
): string | null {
  const require = createRequire(from);
  const candidates =
    platform === 'linux'
      ? [bindingPackage(platform, arch, false), bindingPackage(platform, arch, true)]
      : [bindingPackage(platform, arch, false)];
  for (const name of candidates) {
    try {
      require.resolve(`${name}/duckdb.node`);
      return null;
    } catch {
      // not this one
    }
  }
  return `This build of Courier does not match your computer (${platform}, ${arch}): its database engine is missing. Install the Courier package made for this system (see "Desktop app: install, update, data locations" in Courier's documentation).`;
}
