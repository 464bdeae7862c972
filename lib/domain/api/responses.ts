import { z } from "zod";
import { annotationFieldsSchema } from "../annotation/save-queue";
import { LABELS, SOURCE_TYPES } from "../annotation/labels";
import { PROJECT_ROLES } from "../permissions";
import { RELIABILITY_GRADES } from "../sources/grades";
import { paginationSchema } from "./openapi";

/**
 * What each JSON route answers on success, as zod schemas: /api/openapi.json
 * describes every response body with them (z.toJSONSchema), and the API test
 * (tests/integration/api-project.test.ts) checks every real answer against the
 * schema of its operation, so the description and the routes cannot drift.
 *
 * Objects are strict: a field a route starts sending without its description
 * fails that test. Where a figure is deep and computed (agreement statistics,
 * attribution cues), the outer shape is exact and the inner objects are named
 * but open, said so in their description.
 */
const id = z.string().describe("A UUID.");
const timestamp = z.iso.datetime({ offset: true }).describe("An ISO 8601 time.");
const day = z.iso.date().describe("yyyy-mm-dd.");
const label = z.enum(LABELS);
const role = z.enum(PROJECT_ROLES);
const grade = z.enum(RELIABILITY_GRADES);
const sourceType = z.enum(SOURCE_TYPES);
const obj = z.strictObject;
/** An object whose listed fields are exact and whose other fields are computed figures. */
const figures = (shape: z.ZodRawShape, what: string) => z.looseObject(shape).describe(what);

/** A list answer: the items under `key` and the paging beside them. */
function paged<K extends string, T extends z.ZodType>(key: K, item: T) {
  return obj({ [key]: z.array(item), pagination: paginationSchema } as {
    [P in K]: z.ZodArray<T>;
  } & { pagination: typeof paginationSchema });
}

const projectSummary = obj({
  id,
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  role: role.nullable(),
  documentCount: z.number().int(),
});

const projectDetail = obj({
  id,
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  guidelines: z.string(),
  blindAnnotation: z.boolean(),
  assistantEnabled: z.boolean(),
  headlineUnit: z.boolean(),
  sideOptions: z.array(z.string()),
  annotatorsPerDocument: z.number().int(),
  archivedAt: timestamp.nullable(),
  role: role.nullable(),
});

const member = obj({
  userId: id,
  name: z.string(),
  email: z.string(),
  role,
  disabled: z.boolean(),
});

const documentDetails = {
  id,
  title: z.string(),
  byline: z.string().nullable(),
  publisher: z.string().nullable(),
  publishedAt: timestamp.nullable(),
  sourceUrl: z.string().nullable(),
  createdAt: timestamp,
};

const sentence = obj({
  id,
  index: z.number().int(),
  start: z.number().int().describe("UTF-16 code units into the document's text."),
  end: z.number().int(),
  text: z.string(),
  isBoilerplate: z.boolean(),
});

const fileResult = obj({
  fileName: z.string(),
  ok: z.boolean(),
  documents: z.array(obj({ id, title: z.string(), sentenceCount: z.number().int() })),
  errors: z.array(z.string()),
  notices: z.array(z.string()),
  likelyDuplicates: z.array(
    figures({ title: z.string() }, "An existing document this one looks like."),
  ),
});

const ownAnnotation = obj({
  id,
  sentenceId: id,
  version: z.number().int(),
  fields: annotationFieldsSchema,
});

const adjudication = obj({
  sentenceId: id,
  label: label.nullable(),
  sourceId: id.nullable(),
  sourceText: z.string().nullable(),
  goldCredibility: z.number().int().nullable(),
  note: z.string().nullable(),
  status: z.string(),
  version: z.number().int(),
});

const settled = obj({
  value: grade,
  rationale: z.string(),
  by: z.string().nullable(),
  at: timestamp,
});

const sourceFields = {
  id,
  name: z.string(),
  aliases: z.array(z.string()),
  type: sourceType,
  affiliation: z.string().nullable(),
  side: z.string().nullable(),
  description: z.string().nullable(),
};
const source = obj(sourceFields);

const span = obj({ text: z.string(), start: z.number().int(), end: z.number().int() });
const distribution = <T extends z.ZodType>(value: T) =>
  obj({
    counts: z.array(obj({ value, count: z.number().int() })),
    cannotBeJudged: z.number().int(),
    graded: z.number().int(),
    total: z.number().int(),
  });
/** A computed statistic: `defined`, then `value` or `reason`, and the counts it rests on. */
const statistic = figures({}, "A computed figure: `defined`, then `value` or `reason`.");

const history = obj({ grade, rationale: z.string(), by: z.string().nullable(), at: timestamp });

const assignment = obj({
  documentId: id,
  title: z.string(),
  annotatorId: id,
  annotator: z.string(),
  dueOn: day.nullable(),
  status: z.enum(["NOT_STARTED", "IN_PROGRESS", "SUBMITTED"]),
  lastActivityAt: timestamp,
});

export const RESPONSES = {
  health: obj({ status: z.string(), db: z.string(), version: z.string() }),
  openapi: figures(
    { openapi: z.literal("3.1.0"), paths: z.record(z.string(), z.unknown()) },
    "This document.",
  ),
  me: obj({ user: obj({ id, email: z.string(), name: z.string(), isAdmin: z.boolean() }) }),
  projects: paged("projects", projectSummary),
  projectCreated: obj({ project: obj({ id, slug: z.string() }) }),
  project: obj({ project: projectDetail }),
  members: paged("members", member),
  member: obj({ member }),
  memberRole: obj({ member: obj({ userId: id, role }) }),
  memberRemoved: obj({ removed: obj({ userId: id }) }),
  documents: paged(
    "documents",
    obj({
      id,
      title: z.string(),
      publisher: z.string().nullable(),
      publishedAt: timestamp.nullable(),
      createdAt: timestamp,
      sentenceCount: z.number().int(),
      submitted: z.number().int(),
      required: z.number().int(),
      status: z.string(),
      scope: z.string(),
    }),
  ),
  fileResult,
  document: obj({ document: obj({ ...documentDetails, sentences: z.array(sentence) }) }),
  documentDetails: obj({ document: obj(documentDetails) }),
  documentDeleted: obj({ deleted: obj({ id }) }),
  suggestions: obj({
    sentences: z.array(
      obj({
        sentenceId: id,
        attributions: z.array(
          obj({
            cue: span,
            source: span.nullable(),
            resolvedSource: figures({ id }, "The registry entry it matched.").nullable(),
            kind: z.string(),
            sourceId: id.nullable(),
            sourceType: sourceType.nullable(),
            confidence: z.number(),
          }),
        ),
        label: obj({ value: label, confidence: z.number(), model: z.string() }).nullable(),
      }),
    ),
  }),
  ownAnnotations: obj({
    documentId: id,
    annotations: z.array(ownAnnotation),
    progress: obj({ status: z.string().nullable(), submittedAt: timestamp.nullable() }),
  }),
  documentAnnotations: obj({
    document: obj({ id, title: z.string() }),
    identityDisplay: z.string(),
    annotators: z.array(obj({ id, display: z.string() })),
    sentences: z.array(
      obj({
        id,
        index: z.number().int(),
        text: z.string(),
        isBoilerplate: z.boolean(),
        annotations: z.array(
          obj({
            annotatorId: id,
            label,
            sourceId: id.nullable(),
            sourceName: z.string().nullable(),
            sourceText: z.string().nullable(),
            quote: z.string().nullable(),
            sourceType: sourceType.nullable(),
            note: z.string().nullable(),
            unsure: z.boolean(),
            credibility: z.number().int().nullable(),
          }),
        ),
        majority: obj({
          label: label.nullable(),
          count: z.number().int(),
          total: z.number().int(),
          tie: z.boolean(),
        }),
        agreement: figures({}, "How far the annotators agree on this sentence."),
        adjudication: obj({
          label: label.nullable(),
          sourceId: id.nullable(),
          sourceName: z.string().nullable(),
          sourceText: z.string().nullable(),
          goldCredibility: z.number().int().nullable(),
          note: z.string().nullable(),
          status: z.string(),
          version: z.number().int(),
          reviewer: z.string().nullable(),
        }).nullable(),
        commentCount: z.number().int(),
      }),
    ),
  }),
  annotation: obj({ annotation: ownAnnotation }),
  cleared: obj({ cleared: obj({ sentenceId: id }) }),
  adjudications: obj({
    document: obj({ id, title: z.string() }),
    sentences: z.array(
      obj({
        sentenceId: id,
        index: z.number().int(),
        majority: obj({
          label: label.nullable(),
          count: z.number().int(),
          total: z.number().int(),
          tie: z.boolean(),
        }),
        adjudication: adjudication.omit({ sentenceId: true }).partial().nullable(),
      }),
    ),
  }),
  adjudication: obj({ adjudication }),
  comments: paged(
    "comments",
    obj({ id, author: z.string(), mine: z.boolean(), body: z.string(), createdAt: timestamp }),
  ),
  comment: obj({
    comment: obj({
      id,
      author: z.string(),
      mine: z.boolean(),
      body: z.string(),
      createdAt: timestamp,
    }),
  }),
  agreement: obj({
    filters: obj({
      documents: z.array(id),
      annotators: z.array(id),
      includeBoilerplate: z.boolean(),
    }),
    labels: z.array(z.string()),
    coders: z.array(obj({ id, display: z.string() })),
    annotations: z.number().int(),
    units: z.number().int(),
    pairableUnits: z.number().int(),
    alpha: statistic,
    interval: statistic,
    bootstrapNote: z.string().nullable(),
    fleiss: statistic,
    percentAgreement: statistic,
    ac1: statistic,
    perLabel: z.array(statistic),
    pairs: z.array(statistic),
    labelDistribution: z.array(
      obj({ coder: z.string(), counts: z.array(z.number().int()), total: z.number().int() }),
    ),
    perDocument: z.array(statistic),
    overTime: z.array(statistic),
    sourceAlpha: statistic,
    credibility: statistic,
    sourceReliability: statistic,
  }).describe(
    "The agreement dashboard's figures: Krippendorff's alpha with its interval, Fleiss' kappa, AC1, per label, per pair of annotators, per document and over time.",
  ),
  sources: paged(
    "sources",
    obj({ ...sourceFields, grade: settled.nullable(), citations: z.number().int() }),
  ),
  source: obj({ source }),
  sourceProfile: obj({
    source,
    settled: obj({
      grade,
      rationale: z.string(),
      by: z.string().nullable(),
      at: timestamp,
    }).nullable(),
    history: z.array(history),
    ownOnly: z.boolean(),
    documents: z.number().int(),
    myGrade: obj({ grade, rationale: z.string(), version: z.number().int() }).nullable(),
    sentences: z.array(
      obj({
        sentenceId: id,
        documentId: id,
        documentTitle: z.string(),
        index: z.number().int(),
        text: z.string(),
        href: z.string(),
        annotations: z.array(
          obj({
            annotator: z.string(),
            mine: z.boolean(),
            label,
            credibility: z.number().int().nullable(),
          }),
        ),
      }),
    ),
    labelMix: z.record(label, z.number().int()),
    credibility: distribution(z.number().int()).extend({ notGiven: z.number().int() }),
    citedWith: z.array(
      obj({ id, name: z.string(), sentences: z.number().int(), documents: z.number().int() }),
    ),
    can: obj({ grade: z.boolean(), settle: z.boolean(), manage: z.boolean() }),
    annotatorGrades: z
      .array(
        obj({
          annotator: z.string(),
          mine: z.boolean(),
          grade,
          rationale: z.string(),
          at: timestamp,
        }),
      )
      .optional()
      .describe("Only for those who may see others' work."),
    gradeSpread: distribution(grade).optional().describe("With annotatorGrades."),
  }).describe("The profile: what was attributed to the source, how it was tagged and graded."),
  sourceDeleted: obj({ deleted: obj({ id }) }),
  settledGrade: obj({
    grade: obj({ id, grade, rationale: z.string(), by: z.string().nullable(), at: timestamp }),
  }),
  ownGrade: obj({
    grade: obj({ grade, rationale: z.string(), version: z.number().int(), updatedAt: timestamp }),
  }),
  merged: obj({
    source: obj({ ...sourceFields, moved: z.number().int().describe("Citations moved over.") }),
  }),
  foreignImport: z.union([
    obj({
      format: z.string(),
      tasks: z.number().int(),
      annotations: z.number().int(),
      labels: z.array(
        obj({
          name: z.string(),
          choices: z.number().int(),
          spans: z.number().int(),
          proposed: label.nullable(),
        }),
      ),
      annotators: z.array(
        obj({
          key: z.string(),
          email: z.string().nullable(),
          name: z.string().nullable(),
          externalId: z.string().nullable(),
          annotations: z.number().int(),
        }),
      ),
      notImported: z.array(z.string()),
      fileName: z.string(),
      formatName: z.string(),
      members: z.array(obj({ userId: id, email: z.string(), name: z.string() })),
      proposedMembers: z.record(z.string(), id.nullable()),
      rule: z.string(),
    }).describe(
      "The preview (200): what the file holds and the proposed mapping; nothing written.",
    ),
    obj({
      format: z.string(),
      created: z.array(
        obj({
          id,
          title: z.string(),
          sentenceCount: z.number().int(),
          cutUnits: z.number().int().describe("Units made by cutting over-long sentences."),
        }),
      ),
      matchedExisting: z.number().int(),
      annotations: z.number().int(),
      keptExisting: z.number().int(),
      skippedAnnotations: z.number().int(),
      conflicts: z.number().int(),
      unplacedSpans: z.number().int(),
    }),
  ]),
  registryImport: obj({
    created: z.number().int(),
    updated: z.number().int(),
    errors: z.array(obj({ row: z.number().int(), message: z.string() })),
  }),
  assignments: obj({
    canManage: z.boolean(),
    canAllowReopen: z.boolean(),
    annotators: z.array(
      obj({
        userId: id,
        name: z.string(),
        assigned: z.number().int(),
        notStarted: z.number().int(),
        inProgress: z.number().int(),
        submitted: z.number().int(),
      }),
    ),
    lockedSubmissions: z.array(
      obj({
        documentId: id,
        title: z.string(),
        annotatorId: id,
        annotator: z.string(),
        reopenAllowed: z.boolean(),
      }),
    ),
    assignments: z.array(assignment),
    pagination: paginationSchema,
  }),
  assignmentChange: obj({ action: z.string(), changed: z.number().int() }),
} satisfies Record<string, z.ZodType>;
