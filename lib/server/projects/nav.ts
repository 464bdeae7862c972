import "server-only";
import type { ProjectAccess } from "../access";

/** The sections of a project the member may open. Later features add theirs here. */
export function projectSections(access: ProjectAccess): Array<{ href: string; label: string }> {
  const base = `/projects/${access.project.slug}`;
  const sections = [{ href: base, label: "Documents" }];
  sections.push(
    { href: `${base}/queue`, label: "Queue" },
    { href: `${base}/sources`, label: "Sources" },
  );
  if (access.can("document:import")) sections.push({ href: `${base}/import`, label: "Import" });
  if (access.can("members:manage")) sections.push({ href: `${base}/members`, label: "Members" });
  if (access.can("assignment:manage") || access.can("adjudication:write"))
    sections.push({ href: `${base}/assignments`, label: "Assignments" });
  if (access.can("project:manage")) sections.push({ href: `${base}/settings`, label: "Settings" });
  if (access.can("export:run")) sections.push({ href: `${base}/export`, label: "Export" });
  if (access.can("annotation:read-all")) {
    sections.push(
      { href: `${base}/review`, label: "Review" },
      { href: `${base}/dashboard`, label: "Dashboard" },
    );
  }
  if (access.can("annotation:write-own"))
    sections.push({ href: `${base}/feedback`, label: "Feedback" });
  return sections;
}
