"use client";

import { useCallback, useRef, useState } from "react";
import type { SourceView } from "@/lib/domain/annotation";

/**
 * The project's source registry as the workspace knows it: the page's list
 * plus the entries added while tagging (inline or by accepting a
 * suggestion), which join at once without reloading. `latest()` reads the
 * current list outside render, for edits made right after an entry is added.
 */
export function useRegistry(initial: readonly SourceView[]) {
  const [sources, setSources] = useState<readonly SourceView[]>(initial);
  const ref = useRef(sources);
  const add = useCallback((source: SourceView) => {
    const next = [...ref.current.filter((s) => s.id !== source.id), source].sort((x, y) =>
      x.name.localeCompare(y.name),
    );
    ref.current = next;
    setSources(next);
  }, []);
  const latest = useCallback(() => ref.current, []);
  return { sources, add, latest };
}
