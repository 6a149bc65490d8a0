/** The coordinator's window, as a plain-Node service both transports share. */
export { CourierService } from './service';
export type { ServiceOptions } from './service';
export { exportReport, serviceHandlers } from './handlers';
export type { ExportTarget } from './handlers';
export { scratchFile } from './workspace';
