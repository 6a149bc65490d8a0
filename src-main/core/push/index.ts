/** The push primitives: NAS layout, share marker, verified atomic commit, retry delays. */
export { backoff, BACKOFF_BASE_MS, BACKOFF_CAP_MS } from './backoff';
export { pushArtifact } from './commit';
export type { PushOptions, PushPhase, PushResult } from './commit';
export { capabilitySummary, probeCapabilities } from './capabilities';
export type { CommitWay, ShareCapabilities } from './capabilities';
export { PushError } from './errors';
export type { PushErrorCode } from './errors';
export { cohortSlug, destinationPaths, safeName } from './layout';
export type { DestinationKey, DestinationPaths } from './layout';
export { checkShare, initShare, readShare, SHARE_MARKER } from './share';
export type { ShareCheck, ShareMarker, ShareProblem } from './share';
export { shareKind } from './mounts';
export type { ShareKind } from './mounts';
export { cleanStalePartials } from './stale';
