/**
 * Where files come in: drop files or folders, or choose them with the buttons (keyboard and
 * screen-reader users never need to drag). Folders can be chosen too.
 */
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { droppedFiles } from '../../services/files';

const DATA_NAME = /\.(csv|tsv|txt|tab|dat)$/i;

export function DropZone({ onFiles, busy }: { onFiles(files: File[]): void; busy: boolean }) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  function onDrop(e: DragEvent<HTMLDivElement>): void {
    e.preventDefault();
    setOver(false);
    void droppedFiles(e.dataTransfer).then((files) => {
      if (files.length) onFiles(files);
    });
  }

  function picked(input: HTMLInputElement | null, folder = false): void {
    // A chosen folder brings every file in it: keep the data files, as a dropped folder does.
    const files = Array.from(input?.files ?? []).filter((f) => !folder || DATA_NAME.test(f.name));
    if (input) input.value = '';
    if (files.length) onFiles(files);
  }

  return (
    <div
      className={`drop-zone${over ? ' drop-over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <svg
        className="drop-icon"
        width="28"
        height="28"
        viewBox="0 0 24 24"
        aria-hidden="true"
        focusable="false"
      >
        <path d="M12 15V4m0 0L8 8m4-4 4 4M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />
      </svg>
      <div className="drop-text">
        <p className="drop-title">{busy ? t('drop.adding') : t('drop.title')}</p>
        <p className="drop-sub">{t('drop.sub')}</p>
      </div>
      <div className="drop-buttons">
        <button
          type="button"
          className="button"
          onClick={() => filesInput.current?.click()}
          disabled={busy}
        >
          {t('drop.files')}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => folderInput.current?.click()}
          disabled={busy}
        >
          {t('drop.folder')}
        </button>
      </div>
      <input
        ref={filesInput}
        type="file"
        multiple
        accept=".csv,.tsv,.txt,.tab,.dat,text/csv,text/plain"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('drop.filesLabel')}
        data-testid="file-input"
        onChange={(e) => picked(e.currentTarget)}
      />
      <input
        ref={(el) => {
          folderInput.current = el;
          // Not in React's typings: lets the picker choose a whole folder.
          el?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('drop.folderLabel')}
        onChange={(e) => picked(e.currentTarget, true)}
      />
    </div>
  );
}
