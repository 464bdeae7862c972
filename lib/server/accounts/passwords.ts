import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id (the library's default algorithm) at OWASP's minimum for argon2id:
// 19 MiB memory, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must read as "wrong password", not crash sign-in.
    return false;
  }
}

// Verifying against this keeps the time of a sign-in for an unknown email
// close to that of a known one, so timing does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("sourcelight-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}
