"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage, InlineError } from "@/components/ui/form-message";
import { Checkbox } from "./checkbox";

type Result =
  | { ok: true; data: { email: string; invitePath: string } }
  | {
      ok: false;
      message: string;
      fieldErrors: Record<string, string[]>;
      values?: Record<string, string>;
    };

export function CreateUserForm({
  action,
}: {
  action: (prev: Result | null, formData: FormData) => Promise<Result>;
}) {
  const [state, run, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <div className="space-y-4">
      {state?.ok ? <InviteLink email={state.data.email} path={state.data.invitePath} /> : null}
      <form
        action={run}
        className="grid gap-4 sm:grid-cols-2"
        noValidate
        key={state?.ok ? state.data.email : "form"}
      >
        <div className="sm:col-span-2">
          <FormMessage message={failed?.message} />
        </div>
        <Field
          label="Name"
          name="name"
          required
          defaultValue={failed?.values?.name}
          errors={failed?.fieldErrors.name}
        />
        <Field
          label="Email"
          name="email"
          type="email"
          required
          defaultValue={failed?.values?.email}
          errors={failed?.fieldErrors.email}
        />
        <Checkbox
          label="Administrator"
          name="admin"
          defaultChecked={failed?.values?.admin === "on"}
          hint="Administrators manage users and see every project."
        />
        <div className="sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create and get invite link"}
          </Button>
        </div>
      </form>
    </div>
  );
}

/** Shows a one-time link as a full URL, ready to copy; it is never shown again. */
export function InviteLink({ email, path }: { email: string; path: string }) {
  const url = typeof window === "undefined" ? path : `${window.location.origin}${path}`;
  return (
    <div
      role="status"
      className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900"
    >
      <p>
        Send this link to <strong>{email}</strong>. It sets a password, works once and expires in 7
        days; it is not shown again.
      </p>
      <label className="mt-2 block text-xs font-medium" htmlFor="invite-url">
        Invite link
      </label>
      <input
        id="invite-url"
        readOnly
        value={url}
        className="mt-1 w-full rounded border border-green-300 bg-white px-2 py-1 font-mono text-xs"
        onFocus={(e) => e.currentTarget.select()}
      />
    </div>
  );
}

export function ResetLinkButton({
  action,
  userId,
  email,
}: {
  action: (
    prev:
      | { ok: true; data: string }
      | { ok: false; message: string; fieldErrors: Record<string, string[]> }
      | null,
    formData: FormData,
  ) => Promise<
    | { ok: true; data: string }
    | { ok: false; message: string; fieldErrors: Record<string, string[]> }
  >;
  userId: string;
  email: string;
}) {
  const [state, run, pending] = useActionState(action, null);
  return (
    <div className="inline-flex flex-col gap-1">
      <form action={run}>
        <input type="hidden" name="userId" value={userId} />
        <button
          type="submit"
          disabled={pending}
          className="rounded-md border border-stone-300 px-2.5 py-1 text-xs font-medium hover:bg-stone-100 disabled:opacity-50"
        >
          New password link
        </button>
      </form>
      {state?.ok ? <InviteLink email={email} path={state.data} /> : null}
      <InlineError state={state} />
    </div>
  );
}
