/** The app's sections, in navigation order, with the words the shell shows for each. */
export const SECTIONS = [
  {
    id: 'inbox',
    label: 'Inbox',
    title: 'Inbox',
    summary:
      'Data tables waiting to be checked: dropped on this window or found in a watched folder.',
  },
  {
    id: 'submission',
    label: 'Submission',
    title: 'Submission',
    summary: 'The tables of this cohort, year and site, and whether each is ready to send.',
  },
  {
    id: 'history',
    label: 'History',
    title: 'History',
    summary: 'Everything Courier has checked and sent, newest first.',
  },
  {
    id: 'settings',
    label: 'Settings',
    title: 'Settings',
    summary: 'Your site, the NAS destination and watched folders.',
  },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];
