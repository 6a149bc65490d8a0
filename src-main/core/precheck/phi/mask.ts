/**
 * Masked examples: enough of an identifier's shape for a coordinator to recognise what was
 * found ("***-**-0187", "a***@***.org", "A*** A***"), never the identifier itself.
 */
import type { PhiKind } from '../../../shared/report';
import { ADDRESS_WORDS } from './patterns';

/** Letters kept as an initial and `***`; digits starred. */
function wordsMasked(text: string): string {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (/^[A-Za-zÀ-ÿ]/.test(w) ? `${w[0]!.toUpperCase()}***` : '***'))
    .join(' ');
}

/** The last `n` digits of `text`, the rest of its digits starred, separators as written. */
function lastDigits(text: string, n: number): string {
  let keep = n;
  const chars = [...text];
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!/\d/.test(chars[i]!)) continue;
    if (keep > 0) keep--;
    else chars[i] = '*';
  }
  return chars.join('');
}

/** How `text`, found to be of `kind`, appears in a report. */
export function maskIdentifier(kind: PhiKind, text: string): string {
  const t = text.trim();
  switch (kind) {
    case 'ssn':
      return `***-**-${t.replace(/\D/g, '').slice(-4)}`;
    case 'phone':
      return `***-***-${t.replace(/\D/g, '').slice(-4)}`;
    case 'email': {
      const tld = t.slice(t.lastIndexOf('.') + 1);
      return `${t[0] ?? ''}***@***.${tld}`;
    }
    case 'url': {
      const host = t.replace(/^[a-z]+:\/\//i, '').split(/[/?#]/)[0] ?? '';
      return `***.${host.slice(host.lastIndexOf('.') + 1)}`;
    }
    case 'ip-address':
      return t.includes(':') ? '****:****:…' : '***.***.***.***';
    case 'record-number': {
      // The label as written, the number starred but for its last two digits.
      const m = /^(\D*?)(\d[\d\sA-Za-z-]*)$/.exec(t);
      return m ? `${m[1]}${lastDigits(m[2]!, 2).replace(/[A-Za-z]/g, '*')}` : lastDigits(t, 2);
    }
    case 'street-address':
      return t
        .split(/\s+/)
        .map((w) =>
          /\d/.test(w)
            ? '***'
            : ADDRESS_WORDS.has(w.toLowerCase().replace(/[.,#]/g, ''))
              ? w
              : `${w[0]!.toUpperCase()}***`,
        )
        .join(' ');
    case 'name': {
      // A title stays as written ("Dr. A***"): it tells what was found, not who.
      const title = /^(?:dr|mr|mrs|ms|miss|mx|prof|doctor|rev)\b\.?\s*/i.exec(t)?.[0] ?? '';
      return `${title}${wordsMasked(t.slice(title.length))}`;
    }
    case 'identifier-column':
      return /\d/.test(t) && !/[A-Za-z]{3,}/.test(t) ? lastDigits(t, 2) : wordsMasked(t);
  }
}
