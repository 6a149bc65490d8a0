import { serveWorker } from '../workers/serve';
import { newConvertApi } from './convertApi';

/** Convert worker entry: owns one DuckDB instance for one job at a time (see `convertApi`). */
serveWorker(newConvertApi());
