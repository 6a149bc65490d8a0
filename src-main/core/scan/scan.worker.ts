import { serveWorker } from '../workers/serve';
import { scanApi } from './scanApi';

/** Scan worker entry: see `scanApi`. */
serveWorker(scanApi);
