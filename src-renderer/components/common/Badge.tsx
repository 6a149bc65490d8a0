/** A small status label; the tone is colour only, the words carry the meaning. */
import type { ReactNode } from 'react';
export type Tone = 'ok' | 'warn' | 'danger' | 'neutral' | 'busy';

export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
