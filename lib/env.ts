import { z } from "zod";
import { parseTrustedProxies, type TrustedProxies } from "@/lib/domain/client-address";

// The validated environment: a wrong variable is named in the error instead of
// surfacing later as an odd failure.

/** Settings that do not need the database: read at import time, also by `next build`. */
const sessionSchema = z.object({
  SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
});

/** The proxies whose X-Forwarded-For entries are believed (README "Security"). */
const proxySchema = z.object({
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((value, ctx): TrustedProxies => {
      try {
        return parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          message: `${error instanceof Error ? error.message : String(error)}; use a hop count (1) or proxy addresses and CIDR ranges (10.0.0.0/8, 192.168.1.7)`,
        });
        return z.NEVER;
      }
    }),
});

const envSchema = sessionSchema.merge(proxySchema).extend({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .url("DATABASE_URL must be a postgresql:// connection URL")
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "DATABASE_URL must start with postgresql://"),
  // An empty AUTH_SECRET= line in a .env file means "not set", not "too short".
  AUTH_SECRET: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  ),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses process.env on every call: it is cheap, and tests change variables between calls. */
export function env(): Env {
  return parseEnv(envSchema);
}

/** How long a sign-in lasts, in days; unlike env() it needs no DATABASE_URL, so lib/auth can read it at import. */
export function sessionMaxAgeDays(): number {
  return parseEnv(sessionSchema).SESSION_MAX_AGE_DAYS;
}

/** Which proxies are trusted to say who the client is; read per call, needs no DATABASE_URL. */
export function trustedProxies(): TrustedProxies {
  return parseEnv(proxySchema).TRUSTED_PROXIES;
}

function parseEnv<T extends z.ZodType>(schema: T): z.output<T> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const variable = i.path.join(".") || "(environment)";
      const message = i.code === "invalid_type" && i.input === undefined ? "is not set" : i.message;
      return `  ${variable}: ${message}`;
    });
    throw new EnvError(`Invalid environment:\n${problems.join("\n")}`);
  }
  return parsed.data;
}
