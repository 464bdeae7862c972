import Link from "next/link";

/**
 * "This sentence also appears in …" for one sentence, from
 * sentenceDuplicates() (lib/server/documents/edit.ts). Presentational only, so
 * the annotation workspace (a client component) can place it beside a sentence.
 */
export function AlsoAppearsIn({
  projectSlug,
  elsewhere,
}: {
  projectSlug: string;
  elsewhere: ReadonlyArray<{ documentId: string; title: string; sentenceIndex: number }>;
}) {
  if (elsewhere.length === 0) return null;
  const shown = elsewhere.slice(0, 3);
  const more = elsewhere.length - shown.length;
  return (
    <p className="text-xs text-stone-600">
      Also appears in{" "}
      {shown.map((d, i) => (
        <span key={`${d.documentId}-${d.sentenceIndex}`}>
          {i > 0 ? ", " : null}
          <Link
            href={`/projects/${projectSlug}/documents/${d.documentId}`}
            className="text-sky-800 hover:underline"
          >
            {d.title}
          </Link>{" "}
          (sentence {d.sentenceIndex + 1})
        </span>
      ))}
      {more > 0 ? ` and ${more} more` : null}.
    </p>
  );
}
