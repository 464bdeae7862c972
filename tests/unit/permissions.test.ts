import { describe, expect, it } from "vitest";
import { PERMISSIONS, PROJECT_ACTIONS, PROJECT_ROLES, can } from "@/lib/domain/permissions";

const open = { blindAnnotation: false };
const blind = { blindAnnotation: true };

describe("permission table", () => {
  it("gives administrators every action, member or not", () => {
    for (const action of PROJECT_ACTIONS) {
      expect(can({ isAdmin: true, role: null }, action, blind)).toBe(true);
    }
  });

  it("gives non-members nothing", () => {
    for (const action of PROJECT_ACTIONS) {
      expect(can({ isAdmin: false, role: null }, action, open)).toBe(false);
    }
  });

  it("gives owners everything", () => {
    for (const action of PROJECT_ACTIONS)
      expect(can({ isAdmin: false, role: "OWNER" }, action, blind)).toBe(true);
  });

  it("lets reviewers read all annotations, adjudicate and export, but not manage or import", () => {
    const reviewer = { isAdmin: false, role: "REVIEWER" } as const;
    expect(can(reviewer, "annotation:read-all", blind)).toBe(true);
    expect(can(reviewer, "adjudication:write", blind)).toBe(true);
    expect(can(reviewer, "export:run", blind)).toBe(true);
    expect(can(reviewer, "project:manage", blind)).toBe(false);
    expect(can(reviewer, "members:manage", blind)).toBe(false);
    expect(can(reviewer, "document:import", blind)).toBe(false);
  });

  it("keeps annotators to their own work, and blind projects blind", () => {
    const annotator = { isAdmin: false, role: "ANNOTATOR" } as const;
    expect(can(annotator, "annotation:write-own", blind)).toBe(true);
    expect(can(annotator, "annotation:read-all", blind)).toBe(false);
    expect(can(annotator, "annotation:read-all", open)).toBe(true);
    expect(can(annotator, "export:run", open)).toBe(false);
    expect(can(annotator, "adjudication:write", open)).toBe(false);
  });

  it("keeps the curation view to reviewers and owners, open project or not", () => {
    expect(can({ isAdmin: false, role: "REVIEWER" }, "curation:read", blind)).toBe(true);
    expect(can({ isAdmin: false, role: "OWNER" }, "curation:read", open)).toBe(true);
    expect(can({ isAdmin: false, role: "ANNOTATOR" }, "curation:read", open)).toBe(false);
  });

  it("lets annotators write comments in blind and open projects alike", () => {
    // The blind project's "only after submitting" is decided per document in
    // lib/server/review/comments.ts; the table must not refuse it first.
    const annotator = { isAdmin: false, role: "ANNOTATOR" } as const;
    expect(can(annotator, "comment:write", blind)).toBe(true);
    expect(can(annotator, "comment:write", open)).toBe(true);
    expect(can({ isAdmin: false, role: "REVIEWER" }, "comment:write", blind)).toBe(true);
  });

  it("lets whoever annotates grade sources, and reviewers settle the project's grade", () => {
    const reviewer = { isAdmin: false, role: "REVIEWER" } as const;
    const annotator = { isAdmin: false, role: "ANNOTATOR" } as const;
    expect(can(annotator, "source:grade", blind)).toBe(true);
    expect(can(annotator, "source:settle", open)).toBe(false);
    expect(can(annotator, "source:manage", open)).toBe(false);
    expect(can(reviewer, "source:settle", blind)).toBe(true);
    expect(can(reviewer, "source:manage", blind)).toBe(true);
    expect(can(reviewer, "source:grade", blind)).toBe(false);
  });

  it("names only known actions for every role", () => {
    for (const role of PROJECT_ROLES) {
      for (const action of PERMISSIONS[role]) expect(PROJECT_ACTIONS).toContain(action);
    }
  });
});
