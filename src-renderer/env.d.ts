/// <reference types="vite/client" />
import type { CourierApi } from '../src-main/shared/ipc';

declare global {
  interface Window {
    /** Present in the desktop app (the preload); absent in browser mode. */
    courier?: CourierApi;
  }
}
