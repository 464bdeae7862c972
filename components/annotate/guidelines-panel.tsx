"use client";

import { useSyncExternalStore } from "react";
import { LABEL_INFO, LABELS } from "@/lib/domain/annotation";
import { LabelBadge } from "./legend";

const storageKey = (projectSlug: string) => `sourcelight:guidelines-collapsed:${projectSlug}`;

// Whether the guidelines are collapsed lives in localStorage; these tell React when it changes.
const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}
function readCollapsed(key: string): boolean {
  try {
    return localStorage.getItem(key) === "1";
  } catch {
    return false; // Storage unavailable (private mode): the guidelines simply start open.
  }
}
function writeCollapsed(key: string, collapsed: boolean) {
  try {
    localStorage.setItem(key, collapsed ? "1" : "0");
  } catch {
    // Not remembered, nothing else lost.
  }
  for (const listener of listeners) listener();
}

/**
 * The label definitions and the project's guidelines (already rendered to
 * safe HTML on the server), at the top of the workspace. Open until the
 * annotator collapses them; that choice is remembered per project.
 */
export function GuidelinesPanel(props: { projectSlug: string; guidelinesHtml: string }) {
  const key = storageKey(props.projectSlug);
  // The server renders them open; the browser then applies what the annotator chose.
  const open = !useSyncExternalStore(
    subscribe,
    () => readCollapsed(key),
    () => false,
  );

  return (
    <details
      open={open}
      onToggle={(e) => {
        const next = e.currentTarget.open;
        // The browser also fires toggle for the initial and restored state: only a change is stored.
        if (next !== open) writeCollapsed(key, !next);
      }}
      className="mb-4 rounded-lg border border-stone-200 bg-white p-4 text-sm"
    >
      <summary className="cursor-pointer font-semibold">Guidelines and label definitions</summary>
      <dl className="mt-3 space-y-2">
        {LABELS.map((l) => (
          <div key={l}>
            <dt>
              <LabelBadge label={l} /> <kbd className="font-mono text-xs">{LABEL_INFO[l].key}</kbd>
            </dt>
            <dd className="mt-0.5 text-stone-700">{LABEL_INFO[l].definition}</dd>
          </div>
        ))}
      </dl>
      {props.guidelinesHtml ? (
        <div
          className="guidelines mt-3 space-y-2 border-t border-stone-200 pt-3 [&_a]:text-sky-800 [&_a]:underline [&_h3]:font-semibold [&_h4]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5"
          dangerouslySetInnerHTML={{ __html: props.guidelinesHtml }}
        />
      ) : (
        <p className="mt-3 text-stone-600">This project has no written guidelines yet.</p>
      )}
    </details>
  );
}
