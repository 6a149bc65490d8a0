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

function isMusl(): boolean {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } };
  return !report?.header?.glibcVersionRuntime;
}

/** A plain message when the binding is missing, or null when it is there. */
export function duckdbBindingProblem(
  platform: string = process.platform,
  arch: string = process.arch,
  musl: boolean = platform === 'linux' && isMusl(),
  from: string = import.meta.url,
): string | null {
  const name = bindingPackage(platform, arch, musl);
  try {
    createRequire(from).resolve(`${name}/duckdb.node`);
    return null;
  } catch {
    return `This build of Courier does not match your computer (${platform}, ${arch}): its database engine is missing. Install the Courier package made for this system (see "Desktop app: install, update, data locations" in Courier's documentation).`;
  }
}
