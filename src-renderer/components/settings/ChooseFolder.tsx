/** "Choose…": a folder setting filled from the system's picker (desktop app only). */
import { useTranslation } from 'react-i18next';
import type { FolderPurpose } from '../../../src-main/shared/ipc';
import { canPickFolders, pickFolder } from '../../services/folders';

export function ChooseFolder({
  purpose,
  label,
  onChosen,
  className = 'button',
}: {
  purpose: FolderPurpose;
  /** What the button does, for screen readers ("Choose the NAS folder"). */
  label: string;
  onChosen(path: string): void;
  className?: string;
}) {
  const { t } = useTranslation();
  if (!canPickFolders()) return null;
  return (
    <button
      type="button"
      className={className}
      aria-label={label}
      onClick={() =>
        void pickFolder(purpose).then((path) => {
          if (path) onChosen(path);
        })
      }
    >
      {t('fields.choose')}
    </button>
  );
}
