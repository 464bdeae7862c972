"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage, InlineError } from "@/components/ui/form-message";

type Result =
  | { ok: true; data: undefined }
  | {
      ok: false;
      message: string;
      fieldErrors: Record<string, string[]>;
      values?: Record<string, string>;
    };
type Action = (prev: Result | null, formData: FormData) => Promise<Result>;

const ROLES = [
  { value: "ANNOTATOR", label: "Annotator" },
  { value: "REVIEWER", label: "Reviewer" },
  { value: "OWNER", label: "Owner" },
];

export function AddMemberForm({ action, projectId }: { action: Action; projectId: string }) {
  const [state, run, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form
      action={run}
      className="flex flex-wrap items-end gap-3"
      noValidate
      key={state?.ok ? "added" : "form"}
    >
      <div className="w-full">
        <FormMessage message={failed?.message} />
      </div>
      <input type="hidden" name="projectId" value={projectId} />
      <div className="min-w-64 flex-1">
        <Field
          label="Email"
          name="email"
          type="email"
          required
          defaultValue={failed?.values?.email}
          errors={failed?.fieldErrors.email}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="new-member-role" className="block text-sm font-medium text-stone-800">
          Role
        </label>
        <select
          id="new-member-role"
          name="role"
          defaultValue={failed?.values?.role || "ANNOTATOR"}
          className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm"
        >
          {ROLES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add member"}
      </Button>
    </form>
  );
}

export function MemberRoleForm({
  action,
  projectId,
  userId,
  role,
  name,
}: {
  action: Action;
  projectId: string;
  userId: string;
  role: string;
  name: string;
}) {
  const [state, run, pending] = useActionState(action, null);
  const id = `role-${userId}`;
  return (
    <form action={run} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={id} className="sr-only">
        Role of {name}
      </label>
      <select
        id={id}
        name="role"
        defaultValue={role}
        className="rounded-md border border-stone-300 bg-white px-2 py-1 text-sm"
      >
        {ROLES.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
        <option value="REMOVE">Remove from project</option>
      </select>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-stone-300 px-2.5 py-1 text-xs font-medium hover:bg-stone-100 disabled:opacity-50"
      >
        Apply
      </button>
      <InlineError state={state} />
    </form>
  );
}
