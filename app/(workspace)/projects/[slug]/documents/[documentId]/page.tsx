import type { Metadata } from "next";
import Link from "next/link";
import { Workspace } from "@/components/annotate/workspace";
import { requireUserPage } from "@/lib/auth";
import { renderGuidelines } from "@/lib/domain/annotation/guidelines";
import { loadWorkspace } from "@/lib/server/annotations/annotations";
import { documentLockState } from "@/lib/server/annotations/lock";
import { sentenceDuplicates } from "@/lib/server/documents/edit";
import { loadForPage } from "@/lib/server/page-errors";
import { listSources } from "@/lib/server/sources/list";

export const metadata: Metadata = { title: "Annotate" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export default async function DocumentPage({
  params,
}: {
  params: Promise<{ slug: string; documentId: string }>;
}) {
  const { slug, documentId } = await params;
  const user = await requireUserPage(`/projects/${slug}/documents/${documentId}`);
  const [workspace, sources, duplicates, lock] = await loadForPage(() =>
    Promise.all([
      loadWorkspace({ actor: user, projectSlug: slug, documentId }),
      listSources({ actor: user, projectSlug: slug }),
      sentenceDuplicates({ actor: user, projectSlug: slug, documentId }),
      documentLockState({ actor: user, projectSlug: slug, documentId }),
    ]),
  );
  const { document } = workspace;
  const meta = [
    document.byline,
    document.publisher,
    document.publishedAt ? dateFormat.format(document.publishedAt) : null,
  ].filter(Boolean);
  return (
    <article>
      <header className="border-b border-stone-200 pb-4">
        <h1 className="font-serif text-3xl font-semibold leading-tight">{document.title}</h1>
        {meta.length ? <p className="mt-2 text-sm text-stone-700">{meta.join(" · ")}</p> : null}
        {document.sourceUrl ? (
          <p className="mt-1 break-all text-xs text-stone-600">Source: {document.sourceUrl}</p>
        ) : null}
        <p className="mt-1 text-xs text-stone-600">
          {workspace.sentences.length} sentences
          {workspace.canEditDocument ? (
            <>
              {" · "}
              <Link
                href={`/projects/${slug}/documents/${document.id}/edit`}
                className="text-sky-800 underline"
              >
                Edit details and sentences
              </Link>
            </>
          ) : null}
        </p>
      </header>
      <Workspace
        projectSlug={slug}
        userId={user.id}
        documentId={document.id}
        sentences={workspace.sentences}
        mine={workspace.mine}
        others={workspace.others}
        sources={sources}
        canWrite={workspace.canWrite}
        blind={workspace.blind}
        assistantEnabled={workspace.assistantEnabled}
        guidelinesHtml={renderGuidelines(workspace.guidelines)}
        submitted={workspace.progress.status === "SUBMITTED"}
        lastWorkedSentenceId={workspace.lastWorkedSentenceId}
        canReadAll={workspace.canReadAll}
        lock={lock}
        duplicates={Object.fromEntries(duplicates.map((d) => [d.sentenceId, d.elsewhere]))}
      />
    </article>
  );
}
