/**
 * Columns that are identifiers by their header: an export that brought along `MRN`,
 * `LastName`, `patient_phone` or `SSN`. Headers are compared without case, spaces, `_`, `-`
 * or `.`, so `First Name`, `first_name`, `FIRSTNAME` and `firstName` are one header.
 */

/** What an identifier header names, in words for the report. */
export type HeaderMeaning =
  | 'a name'
  | 'a medical record number'
  | 'a social security number'
  | 'an address'
  | 'a phone or fax number'
  | 'an email address'
  | 'an account or insurance number'
  | 'a web or IP address'
  | "a driver's licence number";

const PERSON =
  '(?:patient|pt|pat|contact|emergencycontact|mother|father|spouse|guardian|nextofkin|kin)?';

const RULES: { re: RegExp; meaning: HeaderMeaning }[] = [
  {
    re: new RegExp(
      `^${PERSON}(?:first|last|middle|full|given|family|maiden|mothersmaiden|sur)?names?$|^${PERSON}[flm]name$|^(?:surname|nextofkin|maidenname)$`,
    ),
    meaning: 'a name',
  },
  {
    re: /^(?:mrn|mrnumber|medrec(?:no|num|number)?|medicalrecord(?:no|num|number|id)?|chart(?:no|num|number)|patientmrn|ptmrn|hospitalnumber|recordnumber)$/,
    meaning: 'a medical record number',
  },
  {
    re: /^(?:ssn|ssn4|last4ssn|ssnlast4|socialsecurity(?:no|num|number)?|socsec(?:no|num)?|sin|socialinsurancenumber)$/,
    meaning: 'a social security number',
  },
  {
    re: new RegExp(
      `^${PERSON}(?:home|street|mailing|postal)?(?:address|addr)(?:line)?[12]?$|^(?:street|streetname|streetnumber|housenumber|aptno|apartment)$`,
    ),
    meaning: 'an address',
  },
  {
    re: new RegExp(
      `^${PERSON}(?:home|work|cell|mobile|day|evening|alt|alternate)?(?:phone|telephone|tel|fax)(?:no|num|number)?[12]?$|^(?:cell|mobile)(?:no|num|number)$`,
    ),
    meaning: 'a phone or fax number',
  },
  { re: new RegExp(`^${PERSON}e?mail(?:address)?[12]?$`), meaning: 'an email address' },
  {
    re: /^(?:account|acct|accountno|accountnumber|acctno|acctnum|billingaccount|insuranceid|memberid|subscriberid|policyno|policynumber|medicaidid|medicaidno|medicareid|medicareno|mbi|hicn|beneficiaryid)$/,
    meaning: 'an account or insurance number',
  },
  {
    re: /^(?:ipaddress|ipv4|ipv6|url|website|webaddress|homepage)$/,
    meaning: 'a web or IP address',
  },
  {
    re: /^(?:driverslicen[cs]e(?:no|number)?|dln|licen[cs]enumber)$/,
    meaning: "a driver's licence number",
  },
];

/** The header as compared: lower case, without spaces, `_`, `-`, `.` or `#`. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[\s_\-.#/]+/g, '');
}

/** What the header names when it is an identifier's, else null. */
export function identifierHeader(header: string): HeaderMeaning | null {
  const key = headerKey(header);
  if (key === '') return null;
  return RULES.find((r) => r.re.test(key))?.meaning ?? null;
}
