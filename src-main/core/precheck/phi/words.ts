/** The words and fix proposals of `possible-phi` issues (plain English; codes never change). */
import type { FixProposal, Issue, PhiKind, Severity } from '../../../shared/report';
import { linesText, makeIssue, plural } from '../issue';
import type { HeaderMeaning } from './headers';
import { REDACTION_TOKENS } from './redact';

const KIND_WORDS: Record<PhiKind, string> = {
  name: "a person's name",
  'street-address': 'a street address',
  phone: 'a phone or fax number',
  email: 'an email address',
  ssn: 'a social security number',
  'record-number': 'a medical record or account number',
  url: 'a web address',
  'ip-address': 'an IP address',
  'identifier-column': 'identifiers',
};

/** "a phone or fax number", for a message. */
export function kindWords(kind: PhiKind): string {
  return KIND_WORDS[kind];
}

const BLOCKS =
  'Direct identifiers must not leave the site: NA-ACCORD receives coded IDs, dates and ZIP codes only.';

/** `possible-phi` for identifiers found in a text column's cells. */
export function cellIssue(p: {
  column: string;
  kind: PhiKind;
  severity: Severity;
  count: number;
  lines: number[];
  examples: string[];
}): Issue {
  const what = kindWords(p.kind);
  const fix: FixProposal = {
    rule: 'redact',
    column: p.column,
    params: { kinds: [p.kind] },
    cells: p.count,
  };
  const issue = makeIssue('possible-phi', p.severity, {
    column: p.column,
    count: p.count,
    lines: p.lines,
    examples: p.examples,
    message: `${plural(p.count, 'row')} of "${p.column}" may hold ${what} (${linesText(p.lines, p.count)}). ${BLOCKS}`,
    hint: `Remove ${what} from these cells in the source system's export, starting at line ${p.lines[0]}, or let Courier replace it by ${REDACTION_TOKENS[p.kind]}. ${p.severity === 'error' ? 'If it is not an identifier, send the file with an override and say why.' : 'Check these cells before sending.'}`,
    fix,
  });
  issue.kind = p.kind;
  return issue;
}

/** `possible-phi` for a column whose header names an identifier. */
export function columnIssue(p: {
  column: string;
  meaning: HeaderMeaning;
  severity: Severity;
  count: number;
  lines: number[];
  examples: string[];
}): Issue {
  const issue = makeIssue('possible-phi', p.severity, {
    column: p.column,
    count: p.count,
    lines: p.lines,
    examples: p.examples,
    message: `The column "${p.column}" looks like it holds ${p.meaning} (judged by its header); ${plural(p.count, 'row')} have a value. ${BLOCKS}`,
    hint: `Leave this column out of the export, or let Courier drop it. ${p.severity === 'error' ? 'If it holds no identifiers, rename it in the export or send the file with an override and say why.' : 'Check it before sending.'}`,
    fix: { rule: 'drop-column', column: p.column, params: { identifiers: true }, cells: p.count },
  });
  issue.kind = 'identifier-column';
  return issue;
}
