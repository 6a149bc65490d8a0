/**
 * What an issue is about: data rows, the header, or the whole file (encoding, delimiter, a
 * missing table). Only row issues count rows: a whole-file finding is never "1 row".
 */
import type { Issue } from './report';

export type IssueScope = 'rows' | 'header' | 'file';

/** Data rows are lines 2 on (line 1 is the header); whole-file findings list no line. */
export function issueScope(issue: Pick<Issue, 'lines'>): IssueScope {
  if (issue.lines.some((l) => l > 1)) return 'rows';
  return issue.lines.length > 0 ? 'header' : 'file';
}
