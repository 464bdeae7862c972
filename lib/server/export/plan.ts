import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/domain/errors";
import {
  exportOptionsSchema,
  type ExportFormat,
  type ExportOptions,
  type IdentityMode,
} from "@/lib/domain/export";
import type { Actor } from "../actor";
import { requireProjectAccess } from "../access";
import { parseInput } from "../validation";
import { ESTIMATE_SQL, type EstimateRow } from "./sql";

/** What an export will write, once its caller and options have been checked. */
export interface ExportPlan {
  projectId: string;
  projectSlug: string;
  projectName: string;
  guidelines: string;
  options: ExportOptions;
  identity: IdentityMode;
}

export interface ExportJob {
  filename: string;
  contentType: string;
  /** The file's bytes, produced only as fast as they are read. */
  body: AsyncIterable<Uint8Array>;
  /** Stops the export: ends its query and its database connection. */
  cancel(): Promise<void>;
}

export interface ExportRequest {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}

/**
 * Checks `export:run`, validates the options, settles whose identities the
 * file may show, and checks that every chosen document is in the project.
 */
export async function planExport(args: ExportRequest): Promise<ExportPlan> {
  const access = await requireProjectAccess(args.actor, { slug: args.projectSlug }, "export:run");
  const options = parseInput(exportOptionsSchema, args.input);
  const project = await db.project.findUniqueOrThrow({
    where: { id: access.project.id },
    select: { guidelines: true, identityDisplay: true },
  });
  const projectIdentity: IdentityMode =
    project.identityDisplay === "PSEUDONYMS" ? "pseudonyms" : "names";
  const identity = options.identity ?? projectIdentity;
  // A pseudonymous project hides who annotated what; only its owners (and admins) may lift that in an export.
  if (
    projectIdentity === "pseudonyms" &&
    identity !== "pseudonyms" &&
    !args.actor.isAdmin &&
    access.role !== "OWNER"
  ) {
    throw new AppError(
      "FORBIDDEN",
      "This project shows annotators as pseudonyms; only an owner can export names or emails.",
      {
        identity: ["Only an owner can export names or emails in this project."],
      },
    );
  }
  if (options.documents.length > 0) {
    const found = await db.document.count({
      where: { projectId: access.project.id, id: { in: options.documents } },
    });
    const wanted = new Set(options.documents).size;
    if (found !== wanted) {
      throw new AppError(
        "VALIDATION",
        `${wanted - found} of the chosen documents are not in this project.`,
        {
          documents: ["Some chosen documents are not in this project."],
        },
      );
    }
  }
  return {
    projectId: access.project.id,
    projectSlug: access.project.slug,
    projectName: access.project.name,
    guidelines: project.guidelines,
    options,
    identity,
  };
}

export interface ExportEstimate {
  documents: number;
  sentences: number;
  annotations: number;
  /** A rough size of the file in bytes, for the page to show and measure progress against. */
  bytes: number;
}

/** How much an export with these options would hold; the page shows it before the download. */
export async function estimateExport(args: ExportRequest): Promise<ExportEstimate> {
  const plan = await planExport(args);
  const o = plan.options;
  const rows = await db.$queryRawUnsafe<EstimateRow[]>(
    ESTIMATE_SQL,
    plan.projectId,
    o.documents.length > 0 ? o.documents : null,
    o.includeBoilerplate,
    o.adjudicatedOnly,
  );
  const r = rows[0];
  const documents = Number(r?.documents ?? 0);
  const sentences = Number(r?.sentences ?? 0);
  const annotations = Number(r?.annotations ?? 0);
  const chars = Number(r?.chars ?? 0);
  const docChars = Number(r?.doc_chars ?? 0);
  // Per-record overheads measured on the sample project's exports; good to within a factor of two.
  const perFormat: Record<ExportFormat, number> = {
    jsonl: sentences * 420 + chars + docChars + annotations * 330,
    csv:
      Math.max(annotations, sentences) * 260 +
      chars * Math.max(1, annotations / Math.max(sentences, 1)),
    w3c: annotations * (900 + (2 * chars) / Math.max(sentences, 1)),
    parquet: Math.round((sentences * 120 + chars) / 2.5),
    // The text twice (data.text, each region's text) and a region per annotation and gold label.
    "label-studio": docChars + chars + annotations * 190 + documents * 260,
  };
  return { documents, sentences, annotations, bytes: Math.round(perFormat[o.format]) };
}
