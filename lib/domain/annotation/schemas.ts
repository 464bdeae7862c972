import { z } from "zod";
import { credibilitySchema } from "../sources/grades";
import { pgInt, pgText } from "../input";
import { LABELS, SOURCE_TYPES } from "./labels";
import { SUGGESTION_OUTCOMES } from "./suggestion-outcome";

const optionalText = (max: number, what: string) =>
  pgText()
    .max(max, `${what} is too long (at most ${max} characters).`)
    .nullish()
    .transform((v) => (v && v.trim() ? v.trim() : null));

/** One annotator's save of one sentence's annotation. `expectedVersion` 0 means "there is none yet". */
export const saveAnnotationSchema = z
  .object({
    sentenceId: z.uuid("That sentence was not found."),
    annotationId: z.uuid("That annotation was not found.").nullish(),
    label: z.enum(LABELS, {
      message: "Unknown label: choose Sourced fact, Unverified claim, Opinion or Not a claim.",
    }),
    sourceText: optionalText(500, "The source"),
    sourceStart: pgInt().nonnegative().nullish(),
    sourceEnd: pgInt().nonnegative().nullish(),
    sourceId: z.uuid("That source was not found.").nullish(),
    sourceType: z.enum(SOURCE_TYPES, { message: "Unknown source type." }).nullish(),
    /** Omitted: an update keeps what is stored; null: there was no suggestion. */
    suggestion: z
      .enum(SUGGESTION_OUTCOMES, {
        message: "Unknown suggestion outcome: use ACCEPTED, EDITED, IGNORED or null.",
      })
      .nullish(),
    note: optionalText(4000, "The note"),
    unsure: z.boolean().default(false),
    /** Absent keeps the stored credibility (clients that do not know the field); null clears it. */
    credibility: credibilitySchema.optional(),
    expectedVersion: pgInt().min(0, "The version is not valid."),
  })
  .refine((v) => (v.sourceStart == null) === (v.sourceEnd == null), {
    message: "The source span needs both a start and an end.",
    path: ["sourceStart"],
  })
  .refine((v) => v.sourceStart == null || v.sourceEnd == null || v.sourceStart < v.sourceEnd, {
    message: "The source span must start before it ends.",
    path: ["sourceStart"],
  });
export type SaveAnnotationInput = z.input<typeof saveAnnotationSchema>;

export const clearAnnotationSchema = z.object({
  annotationId: z.uuid("That annotation was not found."),
  expectedVersion: pgInt().min(1, "The version is not valid."),
});
export type ClearAnnotationInput = z.input<typeof clearAnnotationSchema>;

const aliases = z
  .array(pgText().trim().min(1).max(200))
  .max(50, "At most 50 aliases.")
  .default([])
  .transform((list) => [...new Set(list)]);

export const sourceInputSchema = z.object({
  name: pgText()
    .trim()
    .min(1, "Give the source a name.")
    .max(200, "The name is too long (at most 200 characters)."),
  aliases,
  type: z.enum(SOURCE_TYPES, { message: "Choose a source type." }),
  affiliation: optionalText(200, "The affiliation"),
  /** Alignment (pro-government, opposition, …); checked against the project's side options on the server. */
  side: optionalText(100, "The side"),
  description: pgText()
    .max(4000, "The description is too long (at most 4,000 characters).")
    .nullish()
    .transform((v) => v?.trim() ?? ""),
});
export type SourceInput = z.input<typeof sourceInputSchema>;

export const mergeSourcesSchema = z
  .object({
    fromId: z.uuid("That source was not found."),
    intoId: z.uuid("That source was not found."),
  })
  .refine((v) => v.fromId !== v.intoId, {
    message: "Choose two different sources to merge.",
    path: ["intoId"],
  });
