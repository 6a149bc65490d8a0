/**
 * A long list drawn a screenful at a time (TanStack Virtual): 1,000 jobs cost what 20 do.
 * Rows that are not loaded yet (paged from main) show a placeholder and ask for their page.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function VirtualList<T>({
  rows,
  total,
  rowHeight,
  label,
  ensure,
  render,
  empty,
}: {
  rows: (T | undefined)[];
  total: number;
  rowHeight: number;
  label: string;
  ensure: (start: number, end: number) => void;
  render: (row: T, index: number) => ReactNode;
  empty: ReactNode;
}) {
  const { t } = useTranslation();
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => parent.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    // Until the list is measured (and in tests without layout), assume a screenful.
    initialRect: { width: 800, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [first, last, total, ensure]);

  if (total === 0) return <div className="list-empty">{empty}</div>;
  return (
    <div ref={parent} className="virtual-scroll" role="list" aria-label={label} tabIndex={-1}>
      <div className="virtual-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={total}
              aria-posinset={item.index + 1}
              className="virtual-row"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {row === undefined ? (
                <div className="row-placeholder">{t('app.loading')}</div>
              ) : (
                render(row, item.index)
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
