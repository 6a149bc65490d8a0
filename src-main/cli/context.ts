import { DefinitionError } from '../core/definitions/loader';
import type { DefinitionSet } from '../core/definitions/loader';
import { loadAllDefinitions } from '../core/home';
import { CourierError } from '../core/errors';

export { openHome, openHomeInSlices } from '../core/home';
export type { HomeContext } from '../core/home';

/** The bundled definitions, replaced or extended by a user folder; mistakes are usage errors. */
export async function definitionsFor(dir?: string | null): Promise<DefinitionSet> {
  try {
    return await loadAllDefinitions(dir);
  } catch (e) {
    if (e instanceof DefinitionError)
      throw new CourierError('usage', `the data definitions have mistakes:\n${e.message}`);
    throw e;
  }
}
