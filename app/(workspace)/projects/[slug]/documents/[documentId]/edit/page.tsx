import type { Metadata } from "next";
import Link from "next/link";
import { MetadataForm } from "@/components/documents/metadata-form";
import { SentenceEditor } from "@/components/documents/sentence-editor";
import { requireUserPage } from "@/lib/auth";
import { getDocumentForEditing, sentenceDuplicates } from "@/lib/server/documents/edit";
import { loadForPage } from "@/lib/server/page-errors";
import {
  boilerplateAction,
  mergeAction,
  splitAction,
  updateMetadataAction,
} from "@/lib/actions/documents";

export const metadata: Metadata = { title: "Edit document" };

export default async function EditDocumentPage({
  params,
}: {
  params: Promise<{ slug: string; documentId: string }>;
}) {
  const { slug, documentId } = await params;
  const actor = await requireUserPage(`/projects/${slug}/documents/${documentId}/edit`);
  const [{ document, sentences }, duplicates] = await loadForPage(() =>
    Promise.all([
      getDocumentForEditing({ actor, projectSlug: slug, documentId }),
      sentenceDuplicates({ actor, projectSlug: slug, documentId }),
    ]),
  );
  const elsewhere = new Map(duplicates.map((d) => [d.sentenceId, d.elsewhere]));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link
          href={`/projects/${slug}/documents/${document.id}`}
          className="text-sky-800 hover:underline"
        >
          ← Back to the document
        </Link>
      </p>
      <h1 className="mb-6 text-xl font-semibold">Edit “{document.title}”</h1>
      <section aria-labelledby="details-heading" className="mb-10">
        <h2 id="details-heading" className="mb-3 font-medium">
          Details
        </h2>
        <MetadataForm
          action={updateMetadataAction}
          projectSlug={slug}
          documentId={document.id}
          initial={document}
        />
      </section>
      <section aria-labelledby="sentences-heading">
        <h2 id="sentences-heading" className="mb-1 font-medium">
          Sentences
        </h2>
        <p className="mb-3 max-w-2xl text-sm text-stone-600">
          The text itself never changes. Sentences without annotations can be merged or split; the
          offsets of all other sentences stay as they are.
        </p>
        <SentenceEditor
          projectSlug={slug}
          documentId={document.id}
          sentences={sentences.map((s) => ({ ...s, elsewhere: elsewhere.get(s.id) ?? [] }))}
          actions={{ boilerplate: boilerplateAction, merge: mergeAction, split: splitAction }}
        />
      </section>
    </>
  );
}
