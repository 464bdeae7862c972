import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProjectForm } from "@/components/admin/project-form";
import { requireUserPage } from "@/lib/auth";
import { canGlobal } from "@/lib/domain/permissions";
import { createProjectAction } from "@/lib/actions/projects";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  const user = await requireUserPage("/projects/new");
  // createProject checks again; the page only avoids showing a form that would be refused.
  if (!canGlobal(user, "project:create")) notFound();
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">New project</h1>
      <ProjectForm
        action={createProjectAction}
        submitLabel="Create project"
        initial={{
          name: "",
          slug: "",
          description: "",
          guidelines: "",
          blindAnnotation: true,
          assistantEnabled: true,
          headlineUnit: true,
          annotatorsPerDocument: 2,
        }}
      />
    </>
  );
}
