/**
 * Environment variables that only the `gongkai` command reads (the server never does):
 * credentials for commands that talk to a running server. Passed in by main.ts, so the
 * commands themselves never touch process.env.
 */
export interface CliEnv {
  /** User name for `audit verify` through the server (--user overrides it). */
  GONGKAI_USERNAME?: string | undefined;
  /** Password for `audit verify` through the server: from the environment only, never an argument. */
  GONGKAI_PASSWORD?: string | undefined;
}

/** Picks the CLI's variables out of an environment (empty strings count as unset). */
export function parseCliEnv(env: Record<string, string | undefined>): CliEnv {
  return {
    GONGKAI_USERNAME: env.GONGKAI_USERNAME || undefined,
    GONGKAI_PASSWORD: env.GONGKAI_PASSWORD || undefined,
  };
}
