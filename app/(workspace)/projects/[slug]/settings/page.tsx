import type { Metadata } from "next";
import { ActionButton } from "@/components/admin/action-button";
import { ProjectForm } from "@/components/admin/project-form";
import { requireUserPage } from "@/lib/auth";
import { loadForPage } from "@/lib/server/page-errors";
import { getProjectSettings } from "@/lib/server/projects/projects";
import { archiveProjectAction, updateProjectAction } from "@/lib/actions/projects";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({
  params,
}: {
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const actor = await requireUserPage(`/projects/${slug}/settings`);
  const project = await loadForPage(() => getProjectSettings({ actor, slug }));
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Settings</h1>
      <ProjectForm
        action={updateProjectAction}
        hidden={{ projectId: project.id }}
        submitLabel="Save settings"
        initial={project}
      />
      <section
        aria-labelledby="archive-heading"
        className="mt-10 max-w-2xl rounded-lg border border-red-200 p-5"
      >
        <h2 id="archive-heading" className="font-medium">
          {project.archivedAt ? "Archived" : "Archive"}
        </h2>
        <p className="mt-1 mb-3 text-sm text-stone-600">
          {project.archivedAt
            ? "This project is hidden from project lists. Restoring it shows it again."
            : "An archived project disappears from project lists; nothing is deleted and it can be restored."}
        </p>
        <ActionButton
          action={archiveProjectAction}
          fields={{ projectId: project.id, archived: project.archivedAt ? "false" : "true" }}
          label={project.archivedAt ? "Restore project" : "Archive project"}
          variant={project.archivedAt ? "secondary" : "danger"}
        />
      </section>
    </>
  );
}
