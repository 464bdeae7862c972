"use server";

import { revalidatePath } from "next/cache";
import { asUser } from "@/lib/actions/as-user";
import type { ActionResult } from "@/lib/server/results";
import {
  gradeSource,
  settleSourceGrade,
  type Assessment,
  type OwnGrade,
} from "@/lib/server/sources/grades";
import {
  createSource,
  deleteSource,
  importRegistry,
  mergeSources,
  registryUpload,
  updateSource,
  type RegistryImportResult,
  type SourceView,
} from "@/lib/server/sources/registry";

/*
 * The source registry's server actions: the Sources page, the source profile
 * and the annotation workspace (adding a source inline) call them. Each is a
 * thin wrapper over lib/server/sources.
 */

const sourcesPath = (slug: string) => `/projects/${slug}/sources`;

/** Adding a source inline while tagging: any annotator may. */
export async function createSourceAction(
  projectSlug: string,
  input: unknown,
): Promise<ActionResult<SourceView>> {
  return asUser(async (actor) => {
    const source = await createSource({ actor, projectSlug, input, inline: true });
    revalidatePath(sourcesPath(projectSlug));
    return source;
  });
}

/** Adding a source on the Sources page: owners and reviewers. */
export async function addRegistrySourceAction(
  projectSlug: string,
  input: unknown,
): Promise<ActionResult<SourceView>> {
  return asUser(async (actor) => {
    const source = await createSource({ actor, projectSlug, input });
    revalidatePath(sourcesPath(projectSlug));
    return source;
  });
}

export async function updateSourceAction(
  projectSlug: string,
  sourceId: string,
  input: unknown,
): Promise<ActionResult<SourceView>> {
  return asUser(async (actor) => {
    const source = await updateSource({ actor, projectSlug, sourceId, input });
    revalidatePath(sourcesPath(projectSlug), "layout");
    return source;
  });
}

export async function mergeSourcesAction(
  projectSlug: string,
  input: unknown,
): Promise<ActionResult<SourceView & { moved: number }>> {
  return asUser(async (actor) => {
    const merged = await mergeSources({ actor, projectSlug, input });
    revalidatePath(sourcesPath(projectSlug), "layout");
    return merged;
  });
}

export async function deleteSourceAction(
  projectSlug: string,
  sourceId: string,
): Promise<ActionResult<{ id: string }>> {
  return asUser(async (actor) => {
    const deleted = await deleteSource({ actor, projectSlug, sourceId });
    revalidatePath(sourcesPath(projectSlug));
    return deleted;
  });
}

export async function gradeSourceAction(
  projectSlug: string,
  sourceId: string,
  input: unknown,
): Promise<ActionResult<OwnGrade>> {
  return asUser(async (actor) => {
    const grade = await gradeSource({ actor, projectSlug, sourceId, input });
    revalidatePath(sourcesPath(projectSlug), "layout");
    return grade;
  });
}

export async function settleSourceGradeAction(
  projectSlug: string,
  sourceId: string,
  input: unknown,
): Promise<ActionResult<Assessment>> {
  return asUser(async (actor) => {
    const assessment = await settleSourceGrade({ actor, projectSlug, sourceId, input });
    revalidatePath(sourcesPath(projectSlug), "layout");
    return assessment;
  });
}

/** The Sources page's import form: one file field, CSV or JSON. */
export async function importRegistryAction(
  projectSlug: string,
  _previous: ActionResult<RegistryImportResult> | null,
  form: FormData,
): Promise<ActionResult<RegistryImportResult>> {
  return asUser(async (actor) => {
    const result = await importRegistry({ actor, projectSlug, file: await registryUpload(form) });
    if (result.errors.length === 0) revalidatePath(sourcesPath(projectSlug), "layout");
    return result;
  });
}
