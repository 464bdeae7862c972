"use client";

import { useEffect, useRef } from "react";
import { keyHelp } from "@/lib/domain/annotation";
import { ListTable } from "@/components/ui/list-table";

/** The keyboard shortcuts as a modal dialog, opened and closed by the workspace (? toggles it). */
export function KeysDialog(props: { open: boolean; onClose: () => void; assistant: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby="help-heading"
      onClose={props.onClose}
      className="m-auto max-w-lg rounded-lg p-6 backdrop:bg-stone-900/40"
    >
      <h2 id="help-heading" className="text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <ListTable
        className="mt-3"
        columns={[{ name: "Keys", className: "pr-4" }, "Action"]}
        headClassName=""
        cellClassName="py-1 font-medium"
      >
        {keyHelp({ assistant: props.assistant }).map((k) => (
          <tr key={k.keys} className="border-t border-stone-100">
            <td className="py-1 pr-4 font-mono text-xs">{k.keys}</td>
            <td className="py-1">{k.action}</td>
          </tr>
        ))}
      </ListTable>
      <button
        type="button"
        autoFocus
        onClick={props.onClose}
        className="mt-4 rounded-md bg-stone-900 px-3 py-1.5 text-sm text-white hover:bg-stone-700"
      >
        Close
      </button>
    </dialog>
  );
}
