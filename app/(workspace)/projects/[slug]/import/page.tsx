import type { Metadata } from "next";
import { ForeignImport } from "@/components/import/foreign-import";
import { PasteForm } from "@/components/import/paste-form";
import { UploadFiles } from "@/components/import/upload-files";
import { UrlForm } from "@/components/import/url-form";
import { requireUserPage } from "@/lib/auth";
import { requireProjectAccess } from "@/lib/server/access";
import { loadForPage } from "@/lib/server/page-errors";
import { importUrlAction, pasteTextAction } from "@/lib/actions/import";

export const metadata: Metadata = { title: "Import documents" };

export default async function ImportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireUserPage(`/projects/${slug}/import`);
  const access = await loadForPage(() => requireProjectAccess(actor, { slug }, "document:read"));
  if (!access.can("document:import")) {
    return (
      <p role="alert" className="text-stone-700">
        Only project owners and administrators can import documents.
      </p>
    );
  }
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">Import documents</h1>
      <p className="mb-6 max-w-2xl text-sm text-stone-600">
        Text (.txt), Markdown (.md), saved web pages (.html) and JSON Lines (.jsonl, one article per
        line with a &ldquo;text&rdquo; field) up to 5 MB each. Each file is imported on its own: a
        bad file is reported without stopping the others. A Sourcelight JSONL export comes back
        whole, with its annotations, sources and adjudications.
      </p>
      <section aria-labelledby="upload-heading" className="mb-10">
        <h2 id="upload-heading" className="mb-3 font-medium">
          Upload files
        </h2>
        <UploadFiles projectSlug={access.project.slug} />
      </section>
      {access.can("document:import-url") ? (
        <section aria-labelledby="url-heading" className="mb-10">
          <h2 id="url-heading" className="mb-3 font-medium">
            Import from a web address
          </h2>
          <UrlForm action={importUrlAction} projectSlug={access.project.slug} />
        </section>
      ) : null}
      <section aria-labelledby="foreign-heading" className="mb-10">
        <h2 id="foreign-heading" className="mb-1 font-medium">
          From Label Studio or doccano
        </h2>
        <p className="mb-3 max-w-2xl text-sm text-stone-600">
          A Label Studio JSON export (text tasks with choices or labels) or a doccano JSONL export
          (text classification or sequence labelling; one file per annotator, named after them). You
          see the labels and annotators it holds first, and map them to ours before anything is
          imported.
        </p>
        <ForeignImport projectSlug={access.project.slug} />
      </section>
      <section aria-labelledby="paste-heading" className="max-w-3xl">
        <h2 id="paste-heading" className="mb-3 font-medium">
          Paste text
        </h2>
        <PasteForm action={pasteTextAction} projectSlug={access.project.slug} />
      </section>
    </>
  );
}
