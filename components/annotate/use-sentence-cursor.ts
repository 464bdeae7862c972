"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { rangeBetween, step } from "@/lib/domain/annotation";
import type { WorkspaceSentence } from "./sentence-list";

/**
 * Which sentence has the keys (focus) and which range is selected (anchor to
 * focus), over the taggable sentences only, and moving the browser's focus to
 * the focused item when the reader moved it.
 */
export function useSentenceCursor(
  sentences: readonly WorkspaceSentence[],
  /** Where the keys start (see startPosition); the first taggable sentence when absent. */
  start?: (taggable: readonly boolean[]) => number,
) {
  const taggable = useMemo(() => sentences.map((s) => !s.isBoilerplate), [sentences]);
  const [initial] = useState(() => start?.(taggable) ?? Math.max(0, taggable.indexOf(true)));
  const [focus, setFocus] = useState(initial);
  const [anchor, setAnchor] = useState(initial);
  const listRef = useRef<HTMLOListElement>(null);
  // Set by moves the reader made, so the focus effect moves the browser's focus only then.
  const moveFocus = useRef(false);
  const [lo, hi] = rangeBetween(anchor, focus);

  const itemAt = (position: number) =>
    listRef.current?.querySelector<HTMLElement>(`[data-index="${position}"]`);

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${focus}"]`)?.focus();
  }, [focus]);

  useEffect(() => {
    // Keyboard first: arriving on the page puts the keys to work on the current
    // sentence, unless the reader has already put focus somewhere.
    if (document.activeElement === document.body || document.activeElement === null) {
      const item = listRef.current?.querySelector<HTMLElement>(`[data-index="${focus}"]`);
      item?.focus({ preventScroll: true });
      // Resuming further down: bring that sentence into view (the top of the page stays otherwise).
      if (focus !== Math.max(0, taggable.indexOf(true))) item?.scrollIntoView({ block: "center" });
    }
    // Only on arrival; afterwards focus follows the reader.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** A click on a sentence: Shift extends the selection. */
  const pick = useCallback(
    (position: number, extend: boolean) => {
      if (!taggable[position]) return;
      setFocus(position);
      if (!extend) setAnchor(position);
      moveFocus.current = true;
    },
    [taggable],
  );

  /** The next or previous taggable sentence, extending the selection or not. */
  function move(delta: 1 | -1, extend: boolean) {
    const next = step(taggable, focus, delta);
    moveFocus.current = true;
    setFocus(next);
    if (!extend) setAnchor(next);
  }

  /** Puts focus and a one-sentence selection on `position` at once, without scrolling. */
  function place(position: number) {
    setFocus(position);
    setAnchor(position);
    itemAt(position)?.focus({ preventScroll: true });
  }

  /** Gives the keys back to the focused sentence, e.g. when a field is done. */
  function returnFocus() {
    moveFocus.current = true;
    itemAt(focus)?.focus();
  }

  const selectedIds = useCallback(() => {
    const ids: string[] = [];
    for (let i = lo; i <= hi; i++) {
      const s = sentences[i];
      if (s && taggable[i]) ids.push(s.id);
    }
    return ids;
  }, [lo, hi, sentences, taggable]);

  return {
    listRef,
    taggable,
    focus,
    lo,
    hi,
    focused: sentences[focus],
    pick,
    move,
    place,
    returnFocus,
    collapse: () => setAnchor(focus),
    selectedIds,
  };
}
