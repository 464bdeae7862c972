import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { signInSchema } from "@/lib/domain/accounts";
import { assertNotThrottled, clientIp, ThrottledError } from "@/lib/server/accounts/throttle";

export const { GET } = handlers;

/**
 * Auth.js answers a refused sign-in with a redirect; a throttled one gets a
 * real 429 with Retry-After here, before Auth.js (and any hashing) runs.
 */
export async function POST(request: NextRequest) {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const parsed = signInSchema.safeParse({
      email: form?.get("email"),
      password: form?.get("password"),
    });
    if (parsed.success) {
      try {
        await assertNotThrottled({ email: parsed.data.email, ip: clientIp(request.headers) });
      } catch (error) {
        if (!(error instanceof ThrottledError)) throw error;
        return Response.json(
          { error: { code: error.code, message: error.message } },
          { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
        );
      }
    }
  }
  return handlers.POST(request);
}
