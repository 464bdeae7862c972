import { z } from "zod";
import { pgText } from "./input";
import { emailSchema, MAX_PASSWORD_LENGTH, newPasswordSchema } from "./accounts";

export const INVITE_DAYS = 7;

const nameSchema = pgText({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(120, "Use at most 120 characters.");

// Checkboxes arrive as "on" or not at all; the CLI passes booleans.
const checkboxSchema = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** An admin creating an account: with a password (CLI) or, without one, an invite link to set it. */
export const createUserSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  admin: checkboxSchema,
  password: z.preprocess((v) => (v === "" ? undefined : v), newPasswordSchema.optional()),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const profileSchema = z.object({ name: nameSchema });

export const changePasswordSchema = z
  .object({
    currentPassword: pgText({ error: "Enter your current password." })
      .min(1, "Enter your current password.")
      .max(MAX_PASSWORD_LENGTH),
    newPassword: newPasswordSchema,
    confirmPassword: pgText({ error: "Enter the new password again." }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });

export const acceptInviteSchema = z
  .object({
    token: pgText({ error: "This link is not valid." })
      .min(1, "This link is not valid.")
      .max(200, "This link is not valid."),
    password: newPasswordSchema,
    confirmPassword: pgText({ error: "Enter the password again." }),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });
