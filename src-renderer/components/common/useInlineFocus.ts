/**
 * Focus for a question that opens in place of its button (an export warning, the override
 * form): into the question when it opens, back to the button that opened it when it closes,
 * so a keyboard user never lands on the page's start because the focused button went away.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';

/** Refs for the opening button and the question's first control, and Escape to close. */
export function useInlineFocus<Inside extends HTMLElement>(open: boolean, close: () => void) {
  const opener = useRef<HTMLButtonElement>(null);
  const inside = useRef<Inside>(null);
  const was = useRef(open);
  useEffect(() => {
    if (open && !was.current) inside.current?.focus();
    else if (!open && was.current) opener.current?.focus();
    was.current = open;
  }, [open]);
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    close();
  };
  return { opener, inside, onKeyDown };
}
