import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IssuedToken, PlayerTokens } from "../domain/player-tokens.port";

/**
 * 256-bit random tokens, stored as their SHA-256: a leaked store does not leak the tokens. The hash
 * is base64url (43 characters, where hex took 64): it is kept in every game hash.
 */
export class CryptoPlayerTokens implements PlayerTokens {
  issue(): IssuedToken {
    const token = randomBytes(32).toString("base64url");
    return { token, hash: sha256(token) };
  }

  matches(token: string, hash: string): boolean {
    const given = Buffer.from(sha256(token), "base64url");
    const stored = Buffer.from(hash, "base64url");
    return given.length === stored.length && timingSafeEqual(given, stored);
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64url");
}
