/** A token handed to the player once, and what the store keeps of it. */
export interface IssuedToken {
  token: string;
  hash: string;
}

/**
 * Makes and checks the secrets that prove a player owns a game. Only the hash is ever stored.
 */
export interface PlayerTokens {
  /** A fresh unguessable token (at least 128 bits) and its hash. */
  issue(): IssuedToken;
  /** Whether `token` is the one `hash` was made from (in constant time). */
  matches(token: string, hash: string): boolean;
}
