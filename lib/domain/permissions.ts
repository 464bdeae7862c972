/**
 * The one permission table: which project role may do what. Every lib/server
 * entry point asks `can()` (through lib/server/access.ts); nothing is decided
 * by hiding a button.
 */
export const PROJECT_ROLES = ["OWNER", "REVIEWER", "ANNOTATOR"] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export const PROJECT_ACTIONS = [
  "project:read",
  "project:manage",
  "members:manage",
  "document:read",
  "document:import",
  /** Have the server fetch a page from a URL and import it (owners: it makes outbound requests). */
  "document:import-url",
  "document:edit",
  "annotation:write-own",
  "annotation:read-all",
  "adjudication:write",
  /** The curation view: a whole document with every annotator's tags side by side. */
  "curation:read",
  "comment:write",
  "source:write",
  "source:manage",
  /** Give one's own reliability grade to a source: whoever may annotate. */
  "source:grade",
  /** Set the project's settled reliability grade (a new assessment each time). */
  "source:settle",
  "export:run",
  /** Assign documents to annotators, distribute, reassign and reclaim them. */
  "assignment:manage",
] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

const REVIEWER_ACTIONS: readonly ProjectAction[] = [
  "project:read",
  "document:read",
  "annotation:read-all",
  "adjudication:write",
  "curation:read",
  "comment:write",
  "source:write",
  "source:manage",
  "source:settle",
  "export:run",
];

const ANNOTATOR_ACTIONS: readonly ProjectAction[] = [
  "project:read",
  "document:read",
  "annotation:write-own",
  "comment:write",
  "source:write",
  "source:grade",
];

export const PERMISSIONS: Readonly<Record<ProjectRole, readonly ProjectAction[]>> = {
  OWNER: PROJECT_ACTIONS,
  REVIEWER: REVIEWER_ACTIONS,
  ANNOTATOR: ANNOTATOR_ACTIONS,
};

export interface AccessSubject {
  isAdmin: boolean;
  role: ProjectRole | null;
}

export interface ProjectPolicy {
  blindAnnotation: boolean;
}

export function can(
  subject: AccessSubject,
  action: ProjectAction,
  project: ProjectPolicy,
): boolean {
  if (subject.isAdmin) return true;
  if (!subject.role) return false;
  if (PERMISSIONS[subject.role].includes(action)) return true;
  // In an open (non-blind) project annotators may look at each other's tags.
  return (
    action === "annotation:read-all" && subject.role === "ANNOTATOR" && !project.blindAnnotation
  );
}

/**
 * Actions outside any project. Only administrators hold them; the CLI, run by
 * whoever operates the server, acts as an administrator.
 */
export const GLOBAL_ACTIONS = ["users:manage", "audit:read", "project:create"] as const;
export type GlobalAction = (typeof GLOBAL_ACTIONS)[number];

export function canGlobal(subject: { isAdmin: boolean }, action: GlobalAction): boolean {
  return subject.isAdmin && GLOBAL_ACTIONS.includes(action);
}
