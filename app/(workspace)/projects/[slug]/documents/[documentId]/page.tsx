import type { Metadata } from "next";
import { requireUserPage } from "@/lib/auth";
import { getDocument } from "@/lib/server/documents";
import { loadForPage } from "@/lib/server/page-errors";

export const metadata: Metadata = { title: "Document" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

type SentenceRow = { id: string; index: number; text: string; isBoilerplate: boolean };

/** Consecutive boilerplate sentences are shown as one collapsed block. */
function groupSentences(sentences: SentenceRow[]) {
  const groups: Array<{ boilerplate: boolean; sentences: SentenceRow[] }> = [];
  for (const s of sentences) {
    const last = groups.at(-1);
    if (last && last.boilerplate === s.isBoilerplate) last.sentences.push(s);
    else groups.push({ boilerplate: s.isBoilerplate, sentences: [s] });
  }
  return groups;
}

export default async function DocumentPage({ params }: { params: Promise<{ slug: string; documentId: string }> }) {
  const { slug, documentId } = await params;
  const user = await requireUserPage(`/projects/${slug}/documents/${documentId}`);
  const { document } = await loadForPage(() => getDocument({ actor: user, projectSlug: slug, documentId }));
  const meta = [
    document.byline,
    document.publisher,
    document.publishedAt ? dateFormat.format(document.publishedAt) : null,
  ].filter(Boolean);
  return (
    <article>
      <header className="border-b border-stone-200 pb-4">
        <h1 className="font-serif text-3xl font-semibold leading-tight">{document.title}</h1>
        {meta.length ? <p className="mt-2 text-sm text-stone-600">{meta.join(" · ")}</p> : null}
        {document.sourceUrl ? (
          <p className="mt-1 text-xs text-stone-500 break-all">Source: {document.sourceUrl}</p>
        ) : null}
        <p className="mt-1 text-xs text-stone-500">{document.sentences.length} sentences</p>
      </header>
      <ol aria-label="Sentences" className="mt-6 max-w-3xl space-y-1 font-serif text-lg leading-relaxed">
        {groupSentences(document.sentences).map((group) =>
          group.boilerplate ? (
            <li key={group.sentences[0]?.id} className="list-none">
              <details className="rounded-md bg-stone-100 px-3 py-1 font-sans text-sm text-stone-600">
                <summary className="cursor-pointer">
                  {group.sentences.length} boilerplate {group.sentences.length === 1 ? "sentence" : "sentences"} (collapsed)
                </summary>
                <ol className="mt-2 space-y-1">
                  {group.sentences.map((s) => (
                    <li key={s.id} data-sentence-index={s.index}>{s.text}</li>
                  ))}
                </ol>
              </details>
            </li>
          ) : (
            group.sentences.map((s) => (
              <li key={s.id} data-sentence-index={s.index} className="list-none rounded px-2 py-1 hover:bg-amber-50">
                {s.text}
              </li>
            ))
          ),
        )}
      </ol>
    </article>
  );
}
