/** The app's sections, in navigation order; their words are in the catalogs (sections.<id>). */
export const SECTIONS = [
  { id: 'inbox' },
  { id: 'submission' },
  { id: 'history' },
  { id: 'settings' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];
