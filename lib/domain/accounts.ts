import { z } from "zod";
import { pgText } from "./input";
import { normalizeEmail } from "./email";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export const emailSchema = pgText({ error: "Enter an email address." })
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .email("Enter a valid email address.")
  .transform(normalizeEmail);

export const newPasswordSchema = pgText({ error: "Enter a password." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

export const firstAdminSchema = z
  .object({
    name: pgText({ error: "Enter your name." })
      .trim()
      .min(1, "Enter your name.")
      .max(120, "Use at most 120 characters."),
    email: emailSchema,
    password: newPasswordSchema,
    confirmPassword: pgText({ error: "Enter the password again." }),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });
export type FirstAdminInput = z.input<typeof firstAdminSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  // Existing passwords are checked, not judged: no minimum length here.
  password: pgText({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(MAX_PASSWORD_LENGTH),
});
