import { z } from "zod";
import { pgText } from "./input";
import { PROJECT_ROLES } from "./permissions";

const checkboxSchema = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
/**
 * A setting that is on by default. The form posts "off" from a hidden input
 * placed after the box (FormData.get returns the box's "on" first when it is
 * ticked); a caller that leaves the field out gets undefined, which keeps the
 * stored value on update and the column's default on create.
 */
const defaultOnCheckboxSchema = z.preprocess(
  (v) => (v === undefined ? undefined : v === true || v === "on" || v === "true"),
  z.boolean().optional(),
);

/** Name, slug and settings of a project, for creating and editing. */
export const projectSettingsSchema = z.object({
  name: pgText({ error: "Enter a name." })
    .trim()
    .min(1, "Enter a name.")
    .max(120, "Use at most 120 characters."),
  slug: pgText({ error: "Enter a short name for the address." })
    .trim()
    .toLowerCase()
    .min(2, "Use at least 2 characters.")
    .max(60, "Use at most 60 characters.")
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      "Use lowercase letters, digits and single hyphens (e.g. south-front-2024).",
    ),
  description: pgText().trim().max(500, "Use at most 500 characters.").default(""),
  guidelines: pgText().max(50_000, "Use at most 50,000 characters.").default(""),
  blindAnnotation: checkboxSchema,
  /** The attribution assistant's suggestions (some studies must not prime annotators). */
  assistantEnabled: defaultOnCheckboxSchema,
  /** The title as the first, taggable unit of each new document (it is metadata either way). */
  headlineUnit: defaultOnCheckboxSchema,
  /**
   * The registry's sides (pro-government, opposition, …), one per line or separated by commas;
   * empty means sides are free text. Left out (a caller that does not know the field) keeps them.
   */
  sideOptions: pgText()
    .max(2000, "Use at most 2,000 characters for the sides.")
    .optional()
    .transform((v) => (v === undefined ? undefined : sideList(v)))
    .refine((v) => v === undefined || v.length <= 20, "Give at most 20 sides.")
    .refine(
      (v) => v === undefined || v.every((side) => side.length <= 100),
      "Each side may have at most 100 characters.",
    ),
  annotatorsPerDocument: z.coerce
    .number({ error: "Enter a number." })
    .int("Enter a whole number.")
    .min(1, "At least 1.")
    .max(20, "At most 20."),
});
export type ProjectSettingsInput = z.input<typeof projectSettingsSchema>;

export const memberRoleSchema = z.enum(PROJECT_ROLES, {
  error: "Choose owner, reviewer or annotator.",
});

export const addMemberSchema = z.object({
  email: pgText({ error: "Enter the person's email." })
    .trim()
    .toLowerCase()
    .min(1, "Enter the person's email.")
    .max(254),
  role: memberRoleSchema,
});

/** A member's new role, as the JSON API takes it (removal is a DELETE there). */
export const changeMemberSchema = z.object({ role: memberRoleSchema });

/** The sides as written in the settings form: one per line or comma-separated, trimmed, each once. */
export function sideList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[\n,]/u)) {
    const side = part.trim();
    if (side && !seen.has(side.toLowerCase())) {
      seen.add(side.toLowerCase());
      out.push(side);
    }
  }
  return out;
}

/** A suggestion for the slug field, from the name. */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}
