"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

type Failure = {
  ok: false;
  message: string;
  fieldErrors: Record<string, string[]>;
  values?: Record<string, string>;
};
type Result<T> = { ok: true; data: T } | Failure;
type Action<T> = (prev: Result<T> | null, formData: FormData) => Promise<Result<T>>;

function Saved({ text }: { text: string }) {
  return (
    <p
      role="status"
      className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900"
    >
      {text}
    </p>
  );
}

export function ProfileForm({ action, name }: { action: Action<undefined>; name: string }) {
  const [state, run, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={run} className="max-w-md space-y-4" noValidate>
      <FormMessage message={failed?.message} />
      {state?.ok ? <Saved text="Saved." /> : null}
      <Field
        label="Name"
        name="name"
        required
        defaultValue={failed?.values?.name ?? name}
        errors={failed?.fieldErrors.name}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}

export function PasswordForm({
  action,
  email,
  changed = false,
}: {
  action: Action<undefined>;
  email: string;
  /** Back from a successful change (the action redirects to sign this browser in again). */
  changed?: boolean;
}) {
  const [state, run, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={run} className="max-w-md space-y-4" noValidate key={state?.ok ? "done" : "form"}>
      <FormMessage message={failed?.message} />
      {state?.ok || (changed && !failed) ? <Saved text="Your password has been changed." /> : null}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={failed?.fieldErrors.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters."
        errors={failed?.fieldErrors.newPassword}
      />
      <Field
        label="New password again"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={failed?.fieldErrors.confirmPassword}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}

export function CreateTokenForm({ action }: { action: Action<string> }) {
  const [state, run, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const scopeError = failed?.fieldErrors.scope;
  return (
    <div className="space-y-4">
      {state?.ok ? (
        <div
          role="status"
          className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900"
        >
          <p>Copy your new token now: it is not shown again.</p>
          <label htmlFor="new-token" className="mt-2 block text-xs font-medium">
            New token
          </label>
          <input
            id="new-token"
            readOnly
            value={state.data}
            className="mt-1 w-full rounded border border-green-300 bg-white px-2 py-1 font-mono text-xs"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      ) : null}
      <form
        action={run}
        className="grid max-w-xl gap-4"
        noValidate
        key={state?.ok ? state.data : "form"}
      >
        <FormMessage message={failed?.message} />
        <Field
          label="Token name"
          name="name"
          required
          defaultValue={failed?.values?.name}
          errors={failed?.fieldErrors.name}
          hint="What it is for, e.g. “export script”."
        />
        <fieldset aria-describedby={scopeError ? "scope-error" : undefined}>
          <legend className="text-sm font-medium text-stone-800">Scope</legend>
          <div className="mt-1 flex gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="scope"
                value="READ"
                defaultChecked={(failed?.values?.scope ?? "READ") === "READ"}
              />{" "}
              Read only
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="scope"
                value="READ_WRITE"
                defaultChecked={failed?.values?.scope === "READ_WRITE"}
              />{" "}
              Read and write
            </label>
          </div>
          {scopeError ? (
            <p id="scope-error" className="text-sm text-red-700">
              {scopeError.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <Field
          label="Expires after (days)"
          name="expiresInDays"
          type="number"
          min={1}
          max={3650}
          defaultValue={failed?.values?.expiresInDays}
          errors={failed?.fieldErrors.expiresInDays}
          hint="Leave empty for a token that does not expire."
        />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create token"}
          </Button>
        </div>
      </form>
    </div>
  );
}
