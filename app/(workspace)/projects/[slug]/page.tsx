import type { Metadata } from "next";
import Link from "next/link";
import { requireUserPage } from "@/lib/auth";
import { listDocuments } from "@/lib/server/documents";
import { loadForPage } from "@/lib/server/page-errors";

export const metadata: Metadata = { title: "Documents" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function ProjectPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUserPage(`/projects/${slug}`);
  const { access, documents } = await loadForPage(() => listDocuments({ actor: user, projectSlug: slug }));
  return (
    <>
      <h1 className="sr-only">Documents of {access.project.name}</h1>
      {access.project.description ? <p className="mb-4 text-stone-600">{access.project.description}</p> : null}
      {documents.length === 0 ? (
        <p className="text-stone-600">No documents yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Title</th>
                <th scope="col" className="px-4 py-2 font-medium">Publisher</th>
                <th scope="col" className="px-4 py-2 font-medium">Published</th>
                <th scope="col" className="px-4 py-2 text-right font-medium">Sentences</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id} className="border-b border-stone-100 last:border-0">
                  <td className="px-4 py-2">
                    <Link href={`/projects/${slug}/documents/${d.id}`} className="font-medium text-sky-800 hover:underline">
                      {d.title}
                    </Link>
                  </td>
                  <td className="px-4 py-2 text-stone-700">{d.publisher ?? "—"}</td>
                  <td className="px-4 py-2 text-stone-700">
                    {d.publishedAt ? <time dateTime={d.publishedAt.toISOString().slice(0, 10)}>{dateFormat.format(d.publishedAt)}</time> : "—"}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{d.sentenceCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
