/** The page on screen: a section, or the report opened from it. */
import type { SectionId } from '../sections';
import { BoardView } from './board/BoardView';
import { HistoryView } from './history/HistoryView';
import { InboxView } from './inbox/InboxView';
import { ReportView } from './report/ReportView';
import { SettingsView } from './settings/SettingsView';

export function SectionView({ id, reportId }: { id: SectionId; reportId: string | null }) {
  if (reportId) return <ReportView id={reportId} />;
  switch (id) {
    case 'inbox':
      return <InboxView />;
    case 'submission':
      return <BoardView />;
    case 'history':
      return <HistoryView />;
    case 'settings':
      return <SettingsView />;
  }
}
