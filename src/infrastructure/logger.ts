import { pino, type Logger } from "pino";
import type { Config } from "./config";

/** Structured JSON logs on stdout; never logs player tokens or Authorization headers. */
export function createLogger(config: Pick<Config, "logLevel">): Logger {
  return pino({
    name: "dwemthy",
    level: config.logLevel,
    redact: ["req.headers.authorization", "playerToken", "connectionParams"],
  });
}
