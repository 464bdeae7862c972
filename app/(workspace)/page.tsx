import type { Metadata } from "next";
import Link from "next/link";
import { requireUserPage } from "@/lib/auth";
import { listProjects } from "@/lib/server/projects/projects";
import { loadForPage } from "@/lib/server/page-errors";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const user = await requireUserPage("/");
  const projects = await loadForPage(() => listProjects(user));
  return (
    <>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Projects</h1>
        {user.isAdmin ? (
          <Link
            href="/projects/new"
            className="rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700"
          >
            New project
          </Link>
        ) : null}
      </div>
      {projects.length === 0 ? (
        <p className="mt-6 text-stone-600">You are not a member of any project yet.</p>
      ) : (
        <ul className="mt-6 grid gap-4 sm:grid-cols-2">
          {projects.map((p) => (
            <li key={p.id}>
              <Link
                href={`/projects/${p.slug}`}
                className="block rounded-lg border border-stone-200 bg-white p-5 hover:border-stone-400"
              >
                <h2 className="font-medium">{p.name}</h2>
                {p.description ? (
                  <p className="mt-1 text-sm text-stone-600">{p.description}</p>
                ) : null}
                <p className="mt-3 text-xs text-stone-500">
                  {p.documentCount} {p.documentCount === 1 ? "document" : "documents"}
                  {p.role ? ` · ${p.role.toLowerCase()}` : ""}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
