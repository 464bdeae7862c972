import Link from "next/link";
import { ProjectNav } from "@/components/projects/project-nav";
import { requireUserPage } from "@/lib/auth";
import { requireProjectAccess } from "@/lib/server/access";
import { loadForPage } from "@/lib/server/page-errors";
import { projectSections } from "@/lib/server/projects/nav";

export default async function ProjectLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const user = await requireUserPage(`/projects/${slug}`);
  const access = await loadForPage(() => requireProjectAccess(user, { slug }, "project:read"));
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
        <Link href="/" className="hover:underline">
          Projects
        </Link>
      </nav>
      <p className="mt-1 text-2xl font-semibold tracking-tight">{access.project.name}</p>
      <ProjectNav items={projectSections(access)} />
      <div className="mt-6">{children}</div>
    </>
  );
}
