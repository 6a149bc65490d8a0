/** The status slice: NAS state and queue length, as main last said. */
import { create } from 'zustand';
import type { StatusView } from '../../src-main/shared/ipc';
import { invoke, on } from '../services/api';

export interface StatusSlice {
  status: StatusView | null;
  load(): Promise<void>;
}

export const useStatus = create<StatusSlice>()((set) => ({
  status: null,
  async load() {
    const reply = await invoke('status.get');
    if (reply.ok) set({ status: reply.value });
  },
}));

export function followStatus(): () => void {
  return on('status.changed', (status) => useStatus.setState({ status }));
}
