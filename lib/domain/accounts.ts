import { z } from "zod";
import { normalizeEmail } from "./email";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export const emailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .email("Enter a valid email address.")
  .transform(normalizeEmail);

export const newPasswordSchema = z
  .string({ error: "Enter a password." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

export const firstAdminSchema = z
  .object({
    name: z
      .string({ error: "Enter your name." })
      .trim()
      .min(1, "Enter your name.")
      .max(120, "Use at most 120 characters."),
    email: emailSchema,
    password: newPasswordSchema,
    confirmPassword: z.string({ error: "Enter the password again." }),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });
export type FirstAdminInput = z.input<typeof firstAdminSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  // Existing passwords are checked, not judged: no minimum length here.
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(MAX_PASSWORD_LENGTH),
});
