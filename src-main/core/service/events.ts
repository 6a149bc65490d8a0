/** The service's events: exactly the contract's, so both transports forward them as they are. */
import type { EventMap, EventName } from '../../shared/ipc';

export type ServiceListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** A tiny typed fan-out; a listener that throws does not stop the others. */
export class ServiceEvents {
  private readonly listeners = new Set<ServiceListener>();

  on(listener: ServiceListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // A transport that failed to forward one event must not break the service.
      }
    }
  }
}
