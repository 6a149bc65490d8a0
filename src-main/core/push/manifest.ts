/**
 * The manifest as pushed: the caller's fields with `artifact` placed after `source` (Contract
 * 3's order) and `pushedAt` last. Its `source.sha256` must be the idempotency key.
 */
export function manifestWith(
  fields: object,
  sourceSha256: string,
  artifact: { file: string; bytes: number; sha256: string },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'artifact' || key === 'pushedAt') continue;
    if (key === 'source') {
      const source = (typeof value === 'object' && value !== null ? value : {}) as {
        sha256?: unknown;
      };
      if (
        typeof source.sha256 === 'string' &&
        source.sha256.toLowerCase() !== sourceSha256.toLowerCase()
      )
        throw new Error('pushArtifact: manifest.source.sha256 differs from sourceSha256');
      out.source = { ...source, sha256: sourceSha256.toLowerCase() };
      out.artifact = artifact;
      continue;
    }
    out[key] = value;
  }
  out.source ??= { sha256: sourceSha256.toLowerCase() };
  out.artifact ??= artifact;
  out.pushedAt = new Date().toISOString();
  return out;
}
