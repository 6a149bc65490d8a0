/**
 * The renderer's Content-Security-Policy, written once: built into index.html (Electron loads
 * it over file://) and sent as a header by browser mode, which adds its WebSocket origins
 * (older engines did not count ws: as 'self') and frame-ancestors (a meta tag cannot carry it).
 */
export function contentSecurityPolicy(
  extra: { connect?: string[]; frameAncestors?: boolean } = {},
): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    ["connect-src 'self'", ...(extra.connect ?? [])].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    ...(extra.frameAncestors ? ["frame-ancestors 'none'"] : []),
  ].join('; ');
}
