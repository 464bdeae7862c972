import "server-only";
import type { ProjectAccess } from "./access";

/** The sections of a project the member may open. Later features add theirs here. */
export function projectSections(access: ProjectAccess): Array<{ href: string; label: string }> {
  const base = `/projects/${access.project.slug}`;
  const sections = [{ href: base, label: "Documents" }];
  return sections;
}
