/**
 * A report in a language: each issue's `message` and `hint` written from its fields with the
 * language's templates (issues.fr.ts); codes, fields and every other value unchanged. English
 * is the rules' own text; a code without a template keeps it too.
 */
import type { Issue, Report } from '../report';
import { issuesFr } from './issues.fr';
import { issueParams, type IssueContext, type IssueFields } from './issueParams';
import { DATE_LOCALE, INTL_LOCALE, type Lang } from './lang';
import { i18nFor } from './translate';

const TEMPLATES: Record<string, Record<string, string>> = issuesFr;

/** Whether a code has its French message and hint. */
export function hasTemplate(code: string): boolean {
  const entry = TEMPLATES[code];
  if (!entry) return false;
  const keys = Object.keys(entry);
  return keys.some((k) => k.startsWith('message')) && keys.some((k) => k.startsWith('hint'));
}

/** The context the templates of `lang` format numbers, dates and table names with. */
export function issueContext(
  lang: Lang,
  report: Pick<Report, 'file' | 'table'> | null,
): IssueContext {
  const t = i18nFor(lang).t;
  const table = report?.table ?? null;
  return {
    encoding: report?.file.encoding,
    table,
    tableName: table ? (t(`main:tables.${table}`, { defaultValue: table }) as string) : null,
    number: (n) => n.toLocaleString(INTL_LOCALE[lang]),
    date: (d) =>
      d.toLocaleDateString(DATE_LOCALE[lang], { day: 'numeric', month: 'short', year: 'numeric' }),
  };
}

/** One issue in `lang` (the same object for English or a code without a template). */
export function localizeIssue<T extends Issue>(issue: T, lang: Lang, ctx?: IssueContext): T {
  if (lang === 'en' || !hasTemplate(issue.code)) return issue;
  const t = i18nFor(lang).t;
  const { context, params } = issueParams(issue as IssueFields, ctx ?? issueContext(lang, null));
  const code = issue.code;
  if (typeof params.distinctCount === 'number')
    params.distinctText = t(`issues:${code}.distinct`, { count: params.distinctCount });
  const opts = { ...params, context, lng: INTL_LOCALE[lang] };
  return {
    ...issue,
    message: t(`issues:${code}.message`, opts) as string,
    hint: t(`issues:${code}.hint`, opts) as string,
  };
}

/** A report whose messages and hints are in `lang`; the same report for English. */
export function localizeReport<R extends Pick<Report, 'issues' | 'file' | 'table'>>(
  report: R,
  lang: Lang,
): R {
  if (lang === 'en') return report;
  const ctx = issueContext(lang, report);
  return { ...report, issues: report.issues.map((i) => localizeIssue(i, lang, ctx)) };
}
