import type { Metadata } from "next";
import { ExportForm } from "@/components/export/export-form";
import { requireUserPage } from "@/lib/auth";
import { requireProjectAccess } from "@/lib/server/access";
import { listDocumentTitles } from "@/lib/server/documents/store";
import { loadForPage } from "@/lib/server/page-errors";

export const metadata: Metadata = { title: "Export" };

export default async function ExportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUserPage(`/projects/${slug}/export`);
  const access = await loadForPage(() => requireProjectAccess(user, { slug }, "export:run"));
  const documents = await listDocumentTitles({ actor: user, projectSlug: slug });
  return (
    <>
      <h1 className="text-xl font-semibold">Export the dataset</h1>
      <p className="mt-1 max-w-2xl text-sm text-stone-600">
        Downloads stream straight from the database. The same export is available as{" "}
        <code className="rounded bg-stone-100 px-1">
          GET /api/projects/{access.project.slug}/export
        </code>{" "}
        with an API token and as <code className="rounded bg-stone-100 px-1">npm run export</code>.
      </p>
      <ExportForm projectSlug={access.project.slug} documents={documents} />
    </>
  );
}
