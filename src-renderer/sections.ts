/** The app's sections, in navigation order, with the words the shell shows for each. */
export const SECTIONS = [
  {
    id: 'inbox',
    label: 'Inbox',
    title: 'Inbox',
    summary:
      'Data tables waiting to be checked: dropped on this window or found in a watched folder.',
    soon: 'Drop CSV data tables here, or watch a folder. Courier checks each one on this computer before anything is sent.',
  },
  {
    id: 'submission',
    label: 'Submission',
    title: 'Submission',
    summary: 'The tables of this cohort, year and site, and whether each is ready to send.',
    soon: 'See every table of the current submission at a glance, with its check results and what still needs a fix.',
  },
  {
    id: 'history',
    label: 'History',
    title: 'History',
    summary: 'Everything Courier has checked and sent, newest first.',
    soon: 'Browse past checks and deliveries, open a report, and see exactly what reached the NAS and when.',
  },
  {
    id: 'settings',
    label: 'Settings',
    title: 'Settings',
    summary: 'Your site, the NAS destination and watched folders.',
    soon: 'Set your cohort and site, choose where deliveries go, and pick the folders Courier watches.',
  },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];
