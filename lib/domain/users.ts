import { z } from "zod";
import { EmailSchema, MAX_PASSWORD_LENGTH, NewPasswordSchema } from "./accounts";

export const INVITE_DAYS = 7;

const NameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(120, "Use at most 120 characters.");

// Checkboxes arrive as "on" or not at all; the CLI passes booleans.
const CheckboxSchema = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** An admin creating an account: with a password (CLI) or, without one, an invite link to set it. */
export const CreateUserSchema = z.object({
  name: NameSchema,
  email: EmailSchema,
  admin: CheckboxSchema,
  password: z.preprocess((v) => (v === "" ? undefined : v), NewPasswordSchema.optional()),
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;

export const ProfileSchema = z.object({ name: NameSchema });

export const ChangePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password." })
      .min(1, "Enter your current password.")
      .max(MAX_PASSWORD_LENGTH),
    newPassword: NewPasswordSchema,
    confirmPassword: z.string({ error: "Enter the new password again." }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });

export const AcceptInviteSchema = z
  .object({
    token: z
      .string({ error: "This link is not valid." })
      .min(1, "This link is not valid.")
      .max(200, "This link is not valid."),
    password: NewPasswordSchema,
    confirmPassword: z.string({ error: "Enter the password again." }),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });
