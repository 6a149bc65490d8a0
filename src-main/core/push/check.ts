import type { CommitWay, ShareCapabilities } from './capabilities';
import { capabilitySummary } from './capabilities';
import { shareKind } from './mounts';
import type { ShareProblem } from './share';
import { checkShare } from './share';

/** What `courier push --check` says about a destination. */
export interface DestinationReport {
  root: string;
  /** Courier can push there now. */
  usable: boolean;
  /** Plain words: "SMB share via FUSE (rclone)". */
  kind: string;
  /** The share marker's id, when the folder is a Courier share. */
  shareId: string | null;
  problem: ShareProblem | null;
  capabilities: {
    hardLinks: boolean;
    exclusiveCreate: boolean;
    rename: boolean;
    renameReplaces: boolean;
    fileSync: boolean;
    dirSync: boolean;
    commit: CommitWay | null;
  } | null;
  /** The report in plain words, one line each. */
  lines: string[];
}

const yes = (b: boolean): string => (b ? 'yes' : 'no');

/**
 * Checks `root` as a push would (marker, writability, the capability probe) and says what it
 * is and what it supports. Writes nothing but the probe's hidden files, and only into a folder
 * that carries Courier's marker.
 */
export async function checkDestination(
  root: string,
  expectedId: string | null,
): Promise<DestinationReport> {
  const check = await checkShare(root, expectedId);
  if (check.ok && check.capabilities) {
    const caps: ShareCapabilities = check.capabilities;
    const { kind, ...answers } = caps;
    return {
      root,
      usable: true,
      kind: kind.label,
      shareId: check.id,
      problem: null,
      capabilities: answers,
      lines: [
        `${root}: ${kind.label}, Courier's share ${check.id}.`,
        `Hard links: ${yes(caps.hardLinks)}. Exclusive create: ${yes(caps.exclusiveCreate)}. ` +
          `Rename onto an existing name: ${caps.renameReplaces ? 'replaces it' : 'refused'}. ` +
          `Flush a file: ${yes(caps.fileSync)}. Flush a folder: ${yes(caps.dirSync)}.`,
        capabilitySummary(caps),
      ],
    };
  }
  const kind =
    !check.ok && check.reason === 'missing-root'
      ? 'not reachable'
      : ((await shareKind(root).catch(() => null))?.label ?? 'unknown');
  const message = check.ok ? 'Courier could not probe it.' : check.message;
  return {
    root,
    usable: false,
    kind,
    shareId: null,
    problem: check.ok ? null : check.reason,
    capabilities: null,
    lines: [`${root}: ${kind}.`, message, 'Courier cannot push there now.'],
  };
}
