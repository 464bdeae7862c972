import { LABEL_INFO, LABELS } from "@/lib/domain/annotation";
import { LabelBadge } from "./legend";

/** The label definitions and the project's guidelines (already rendered to safe HTML on the server). */
export function GuidelinesPanel(props: { guidelinesHtml: string }) {
  return (
    <details className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
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
          className="guidelines mt-3 space-y-2 border-t border-stone-200 pt-3 [&_a]:text-sky-800 [&_a]:underline [&_h1]:font-semibold [&_h2]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5"
          dangerouslySetInnerHTML={{ __html: props.guidelinesHtml }}
        />
      ) : (
        <p className="mt-3 text-stone-600">This project has no written guidelines yet.</p>
      )}
    </details>
  );
}
