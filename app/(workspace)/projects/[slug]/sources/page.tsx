import type { Metadata } from "next";
import { SourceRegistry } from "@/components/annotate/source-registry";
import { requireUserPage } from "@/lib/auth";
import { requireProjectAccess } from "@/lib/server/access";
import { loadForPage } from "@/lib/server/page-errors";
import { listSources } from "@/lib/server/sources/registry";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUserPage(`/projects/${slug}/sources`);
  const { access, sources } = await loadForPage(async () => ({
    access: await requireProjectAccess(user, { slug }, "document:read"),
    sources: await listSources({ actor: user, projectSlug: slug }),
  }));
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Source registry</h1>
      <p className="text-sm text-stone-700">
        The sources annotators attribute claims to.{" "}
        {access.can("source:manage")
          ? "Edit entries, or merge duplicates: annotations follow the merge."
          : "Reviewers and owners edit and merge entries."}
      </p>
      <SourceRegistry
        projectSlug={slug}
        sources={sources}
        canManage={access.can("source:manage")}
      />
    </div>
  );
}
