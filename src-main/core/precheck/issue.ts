import type { DatePattern, FixProposal, Issue, IssueCode, Severity } from '../../shared/report';
import { MAX_ISSUE_EXAMPLES, MAX_ISSUE_LINES } from '../../shared/report';

/** Builds an issue with its lists capped as Contract 1 says. */
export function makeIssue(
  code: IssueCode,
  severity: Severity,
  fields: {
    column?: string | null;
    count: number;
    lines?: number[];
    examples?: string[];
    message: string;
    hint: string;
    distinct?: number;
    pattern?: DatePattern;
    fix?: FixProposal | null;
  },
): Issue {
  const issue: Issue = {
    code,
    severity,
    column: fields.column ?? null,
    count: fields.count,
    lines: [...(fields.lines ?? [])].sort((a, b) => a - b).slice(0, MAX_ISSUE_LINES),
    examples: (fields.examples ?? []).slice(0, MAX_ISSUE_EXAMPLES),
    message: fields.message,
    hint: fields.hint,
  };
  if (fields.distinct !== undefined) issue.distinct = fields.distinct;
  if (fields.pattern !== undefined) issue.pattern = fields.pattern;
  if (fields.fix) issue.fix = fields.fix;
  return issue;
}

/** "1 row" / "3 rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}

/** 1234567 → "1,234,567" (as en-US writes it, without waking up Intl on the main thread). */
export function grouped(n: number): string {
  if (!Number.isInteger(n)) return n.toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "line 5" / "lines 5, 9 and 12" / "lines 5, 9, 12 …". */
export function linesText(lines: number[], total: number): string {
  if (lines.length === 0) return '';
  if (lines.length === 1) return `line ${lines[0]}`;
  const shown = lines.slice(0, 3);
  if (total > shown.length && lines.length > 3) return `lines ${shown.join(', ')} and others`;
  return `lines ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Report order: errors first, then warnings, then info; within, by first line. */
export function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.lines[0] ?? 0) - (b.lines[0] ?? 0),
  );
}
