/**
 * What a French issue template is filled with: the issue's structured fields (count, column,
 * lines, examples, distinct, pattern, kind, fix), worded for French, and the variant
 * (`context`) the fields call for. A few details exist only inside the English text (a
 * partner column, a range, the documented values): they are read from it where its shape is
 * known, and the template says it without them otherwise.
 */
import type { Issue, Report } from '../report';

/** An issue as the report may carry it, the additions of 2026-11-30 included. */
export type IssueFields = Issue & {
  pattern?: string;
  kind?: string;
  fix?: { rule: string; column: string; params: Record<string, unknown>; cells: number };
};

/** What the template of one issue gets. */
export interface IssueParams {
  context?: string;
  params: Record<string, unknown>;
}

/** The report facts a few templates need (the file's encoding, the table). */
export interface IssueContext {
  encoding?: string;
  table?: string | null;
  /** The table's name in the language ("Résultats de laboratoire"). */
  tableName?: string | null;
  /** A date in the language ("30 nov. 2026"). */
  date?: (d: Date) => string;
  /** A number in the language ("1 234"). */
  number?: (n: number) => string;
}

const FR_NUMBER = (n: number): string => n.toLocaleString('fr-CA');

/** « ligne 5 », « lignes 5, 9 et 12 », « lignes 5, 9, 12 et autres ». */
export function linesFr(lines: number[], total: number): string {
  if (lines.length === 0) return '';
  if (lines.length === 1) return `ligne ${lines[0]}`;
  const shown = lines.slice(0, 3);
  if (total > shown.length && lines.length > 3) return `lignes ${shown.join(', ')} et autres`;
  return `lignes ${shown.slice(0, -1).join(', ')} et ${shown[shown.length - 1]}`;
}

/** « "a", "b" » as French quotes. */
function quotedList(values: readonly string[]): string {
  return values.map((v) => `« ${v} »`).join(', ');
}

/** The "quoted" names of an English message, in order. */
function quotedIn(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
}

/** "1,234" as the English rules write numbers. */
function englishNumber(text: string | undefined): number | null {
  if (!text) return null;
  const n = Number(text.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

const NOT_CSV: Record<string, string> = {
  'an Excel workbook (.xlsx)': 'un classeur Excel (.xlsx)',
  'an OpenDocument spreadsheet (.ods)': 'un classeur OpenDocument (.ods)',
  'a Word document (.docx)': 'un document Word (.docx)',
  'a ZIP archive': 'une archive ZIP',
  'an old-format Excel workbook (.xls) or other Office document':
    'un classeur Excel d’ancien format (.xls) ou un autre document Office',
  'a PDF document': 'un document PDF',
  'a PNG image': 'une image PNG',
  'a JPEG image': 'une image JPEG',
  'a GIF image': 'une image GIF',
  'a gzip-compressed file': 'un fichier compressé gzip',
  'a bzip2-compressed file': 'un fichier compressé bzip2',
  'an xz-compressed file': 'un fichier compressé xz',
  'a zstd-compressed file': 'un fichier compressé zstd',
  'a 7-Zip archive': 'une archive 7-Zip',
  'a RAR archive': 'une archive RAR',
  'an SQLite database': 'une base de données SQLite',
  'a DuckDB database': 'une base de données DuckDB',
  'a Parquet file': 'un fichier Parquet',
  'an RTF document': 'un document RTF',
  'an HTML page': 'une page HTML',
  'an XML document': 'un document XML',
  'binary data, not text': 'des données binaires, pas du texte',
};

const ENCODINGS: Record<string, string> = {
  'windows-1252': 'Windows-1252 (Europe de l’Ouest, tel qu’Excel l’enregistre sous Windows)',
  'iso-8859-1': 'ISO-8859-1 (Latin-1)',
  'utf-16le': 'UTF-16 (petit-boutiste)',
  'utf-16be': 'UTF-16 (gros-boutiste)',
};

const DELIMITERS: Record<string, string> = {
  ';': 'des points-virgules',
  '\t': 'des tabulations',
  '|': 'des barres verticales',
};

const TYPES: Record<string, [one: string, many: string]> = {
  'a whole number': ['un nombre entier', 'des nombres entiers'],
  'a number': ['un nombre', 'des nombres'],
  'a four-digit year': ['une année à quatre chiffres', 'des années à quatre chiffres'],
  'a date': ['une date', 'des dates'],
};

const PATTERNS: Record<string, { what: string; hint?: string }> = {
  'MM/DD/YYYY': { what: 'MM/JJ/AAAA, le mois en premier, comme Excel écrit les dates américaines' },
  'DD/MM/YYYY': {
    what: 'JJ/MM/AAAA, le jour en premier, comme Excel écrit les dates dans les paramètres régionaux européens',
  },
  'ambiguous-day-month': {
    what: 'écrites avec des barres obliques dans une colonne où chaque date peut se lire mois/jour ou jour/mois (02/10/2024 : 10 février ou 2 octobre?)',
    hint: 'ambiguous',
  },
  'M/D/YY': {
    what: 'M/J/AA, avec une année à deux chiffres, la date courte américaine d’Excel',
    hint: 'twoDigits',
  },
  DDMONYYYY: {
    what: 'des valeurs SAS DATE9 (10FEB2024) ou Stata %td (10feb2024)',
    hint: 'sas',
  },
  YYYYMMDD: {
    what: 'AAAAMMJJ, sans tirets, comme les formats yymmddn8. de SAS et %tdCCYYNNDD de Stata',
    hint: 'compact',
  },
  'YYYY-MM-DD hh:mm:ss': {
    what: 'des dates avec une heure (AAAA-MM-JJ hh:mm:ss), comme R écrit les valeurs POSIXct et comme les bases de données exportent les horodatages',
    hint: 'time',
  },
  'excel-serial': {
    what: 'des numéros de jour de tableur (45332 est le 2024-02-10), comme Excel écrit les dates d’une colonne au format Standard ou Nombre',
    hint: 'serial',
  },
};

const PHI_KINDS: Record<string, string> = {
  name: 'un nom',
  'street-address': 'une adresse civique',
  phone: 'un numéro de téléphone',
  email: 'une adresse courriel',
  ssn: 'un numéro d’assurance sociale',
  'record-number': 'un numéro de dossier',
  url: 'une adresse Web',
  'ip-address': 'une adresse IP',
  'identifier-column': 'une colonne d’identifiants',
};

/** The English date inside a message ("on 30 Nov 2026, 08:15"), in the language. */
function dateIn(message: string, ctx: IssueContext): string {
  const m = /\bon (\d{1,2} \w{3,9} \d{4}(?:, \d{2}:\d{2})?)/.exec(message);
  if (!m?.[1] || !ctx.date) return '';
  const d = new Date(m[1].replace(',', ''));
  return Number.isNaN(d.getTime()) ? '' : ` le ${ctx.date(d)}`;
}

/** The template's parameters and variant for one issue (French). */
export function issueParams(issue: IssueFields, ctx: IssueContext = {}): IssueParams {
  const num = ctx.number ?? FR_NUMBER;
  const lines = linesFr(issue.lines, issue.count);
  const first = issue.lines[0];
  const q = quotedIn(issue.message);
  const base: Record<string, unknown> = {
    count: issue.count,
    column: issue.column ?? q[0] ?? '',
    lines,
    where: lines ? ` (${lines})` : '',
    first: first ?? '',
    firstLine: first ? `ligne ${first}` : 'première ligne indiquée',
    atFirst: first ? `à la ligne ${first}` : 'aux lignes indiquées',
    example: issue.examples[0] ?? '',
    examples: quotedList(issue.examples),
    table: ctx.tableName ?? ctx.table ?? '',
  };
  const p = (params: Record<string, unknown>, context?: string): IssueParams => ({
    context,
    params: { ...base, ...params },
  });
  const msg = issue.message;
  switch (issue.code as string) {
    case 'empty-file':
      return p({}, /\b0 bytes\b/.test(msg) ? 'zero' : undefined);
    case 'not-csv': {
      const what = issue.examples[0] ?? /it is (.*)\.$/.exec(msg)?.[1] ?? '';
      return p({ what: NOT_CSV[what] ?? what });
    }
    case 'encoding': {
      const enc = issue.examples[0] ?? '';
      return p({ encoding: ENCODINGS[enc] ?? enc });
    }
    case 'invalid-encoding':
      return p({ encoding: ctx.encoding ?? '' });
    case 'line-endings': {
      const kind = issue.examples[0];
      return p({}, kind === 'crlf' ? 'crlf' : kind === 'cr' ? 'cr' : undefined);
    }
    case 'control-char':
      return p({}, /^The header/.test(msg) ? 'header' : undefined);
    case 'delimiter': {
      const d = issue.examples[0] ?? '';
      return p({ delimiter: DELIMITERS[d] ?? `« ${d} »` });
    }
    case 'too-many-columns':
      return p({ max: englishNumber(/more than ([\d,]+)/.exec(msg)?.[1]) ?? 0 });
    case 'field-too-large':
      return p({ limit: /\((\d+) MB/.exec(msg)?.[1] ?? '64' });
    case 'duplicate-file': {
      const table = /"[^"]*" \(([^)]+)\)/.exec(msg)?.[1];
      return p(
        { on: dateIn(msg, ctx), table: table ? ` (${table})` : '' },
        /Ingested again/.test(msg) ? 'again' : undefined,
      );
    }
    case 'possible-new-version':
      return p({ on: dateIn(msg, ctx) });
    case 'blank-header': {
      const cols = /\(column ([^)]*)\)/.exec(msg)?.[1];
      return p({ examples: cols ? `colonne ${cols}` : quotedList(issue.examples) });
    }
    case 'duplicate-header':
      return p({ examples: quotedList(issue.examples.length ? issue.examples : q) });
    case 'missing-column':
      return p({ column: issue.column ?? q[0] ?? '' });
    case 'extra-column':
      return p({ count: q.length || issue.count, examples: quotedList(q) });
    case 'renamed-column':
      return p(
        { from: q[0] ?? '', to: q[1] ?? '' },
        /cohort's column mapping/.test(msg) ? 'mapping' : undefined,
      );
    case 'table-unknown': {
      if (/several tables/.test(msg)) return p({}, 'several');
      const share = /, (\d+)% of columns/.exec(msg)?.[1];
      return share ? p({ share }, 'closest') : p({});
    }
    case 'type': {
      const what = /\bnot (a whole number|a number|a four-digit year|a date)\b/.exec(msg)?.[1];
      const words = what ? TYPES[what] : undefined;
      return p(
        { type: words?.[0] ?? 'du type attendu', types: words?.[1] ?? 'du type attendu' },
        /with a dot for decimals/.test(issue.hint) ? 'number' : undefined,
      );
    }
    case 'date-pattern': {
      const pattern = PATTERNS[issue.pattern ?? ''];
      return p({ what: pattern?.what ?? issue.pattern ?? '' }, pattern?.hint);
    }
    case 'allowed-values': {
      if (/yes\/no/.test(msg)) {
        const m = /^Use (.*?) \(also accepted: (.*)\)\.?$/.exec(issue.hint);
        return p(
          {
            values: (m?.[1] ?? 'Yes, No').replace(/ or /g, ' ou '),
            accepted: m?.[2] ?? '',
          },
          'yesNo',
        );
      }
      const values = /^Allowed values for "[^"]*": (.*?)\.?$/.exec(issue.hint)?.[1];
      return values ? p({ values }) : p({}, undefined);
    }
    case 'case-mismatch': {
      const values = /spells them: (.*?)\.?$/.exec(issue.hint)?.[1];
      return values ? p({ values }) : p({}, 'unknown');
    }
    case 'synonym': {
      const map = issue.fix?.params?.map;
      const pairs =
        map && typeof map === 'object'
          ? Object.entries(map as Record<string, unknown>)
              .slice(0, 5)
              .map(([from, to]) => `${from} pour ${String(to)}`)
          : [];
      return p({ pairs: pairs.length ? ` (${pairs.join(', ')})` : '' });
    }
    case 'range': {
      const between = /between (\S+) and (\S+?)[ )]/.exec(msg);
      const least = /at least (\S+?)[ )]/.exec(msg);
      const most = /at most (\S+?)[ )]/.exec(msg);
      const span = between
        ? ` entre ${between[1]} et ${between[2]}`
        : least
          ? ` d’au moins ${least[1]}`
          : most
            ? ` d’au plus ${most[1]}`
            : '';
      return p({ span }, span ? undefined : 'unknown');
    }
    case 'missing-code': {
      const codes = issue.fix?.params?.codes;
      const list = Array.isArray(codes) ? codes.map(String) : issue.examples;
      return p(
        { codes: list.slice(0, 5).join(', ') },
        issue.severity === 'error' ? 'required' : undefined,
      );
    }
    case 'required-when':
    case 'forbidden-when': {
      const state = /is (?:also )?filled in/.test(msg) ? 'rempli' : 'vide';
      return p({ column: issue.column ?? q[0] ?? '', other: q[1] ?? '', state });
    }
    case 'date-order':
      return p({ column: issue.column ?? q[0] ?? '', other: q[1] ?? '' });
    case 'possible-phi':
      return p(
        { kind: PHI_KINDS[issue.kind ?? ''] ?? issue.kind ?? '' },
        issue.kind === 'identifier-column' ? 'column' : undefined,
      );
    case 'unknown-patient-id': {
      const threshold = /up to (\d[\d,]*) unknown/.exec(issue.hint)?.[1];
      return p(
        {
          distinctCount: issue.distinct ?? 0,
          threshold: threshold
            ? ` (jusqu’à ${num(englishNumber(threshold) ?? 0)} identifiants inconnus)`
            : '',
        },
        issue.severity === 'warning' ? 'warning' : undefined,
      );
    }
    case 'id-leading-zeros-lost':
      return p({ width: /table's (\d+) digits/.exec(msg)?.[1] ?? '?' });
    case 'fewer-rows': {
      const m = /has ([\d,]+) rows, (\d+)% fewer than the ([\d,]+) of (\d+)'s/.exec(msg);
      if (!m) return p({}, 'unknown');
      return p({
        rows: num(englishNumber(m[1]) ?? 0),
        drop: m[2],
        before: num(englishNumber(m[3]) ?? 0),
        year: m[4],
        table: ctx.tableName ?? /^The (\S+) table/.exec(msg)?.[1] ?? '',
      });
    }
    case 'patients-lost': {
      const m =
        /^([\d,]+) patients of (\d+)'s patient table \((\d+)%\).*\(([\d,]+) more had died; ([\d,]+) patients are new\)/.exec(
          msg,
        );
      if (!m) return p({}, 'unknown');
      return p({
        lost: num(englishNumber(m[1]) ?? 0),
        year: m[2],
        share: m[3],
        died: num(englishNumber(m[4]) ?? 0),
        added: num(englishNumber(m[5]) ?? 0),
      });
    }
    case 'coverage-gap': {
      const had = /which had ([\d,]+) rows in (\d+)'s/.exec(msg);
      return p({
        count: issue.examples.length || issue.count,
        months: issue.examples.slice(0, 6).join(', '),
        had: num(englishNumber(had?.[1]) ?? 0),
        year: had?.[2] ?? '',
      });
    }
    case 'distribution-shift':
      return p({
        moves: issue.examples.slice(0, 4).join(', '),
        year: /against (\d+)\.?$/.exec(msg)?.[1] ?? '',
      });
    default:
      return p({});
  }
}

/** Only for the report facts: the report's encoding and table. */
export function contextOf(report: Pick<Report, 'file' | 'table'>): IssueContext {
  return { encoding: report.file.encoding, table: report.table };
}
