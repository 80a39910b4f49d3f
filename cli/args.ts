/**
 * The command line, checked before anything else happens: which command, which
 * flags, and values in range. A bad command line is a `UsageError` whose message
 * is the one line the operator sees; nothing has been read or written yet.
 */
import { parseArgs } from "node:util";
import { MAX_PILOT_SIZE } from "../core/engine/index.js";
import { CRM_ENTITIES, type EntityKind } from "../core/model/canonical.js";

export const COMMANDS = [
  "migrate",
  "estimate",
  "mapping",
  "resume",
  "delta",
  "rollback",
  "help",
] as const;
export type CommandName = (typeof COMMANDS)[number];
export const DEPLOYMENTS = ["cloud", "on_premise"] as const;
export type DeploymentFlag = (typeof DEPLOYMENTS)[number];
export const STATES = ["memory", "mongo"] as const;
export type StateKind = (typeof STATES)[number];

/** A command line that cannot be run; `message` says what to fix. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface CliArgs {
  command: CommandName;
  from?: string;
  to?: string;
  fromDeployment: DeploymentFlag;
  toDeployment: DeploymentFlag;
  entities: EntityKind[];
  pilot?: number;
  mappingFile?: string;
  out?: string;
  migrationId?: string;
  runId?: string;
  /** Unset: mongo when MONGO_URL is set, else memory. */
  state?: StateKind;
  timeZone?: string;
  failuresCsv?: string;
  json: boolean;
  verbose: boolean;
}

const OPTIONS = {
  from: { type: "string" },
  to: { type: "string" },
  "from-deployment": { type: "string" },
  "to-deployment": { type: "string" },
  entities: { type: "string" },
  pilot: { type: "string" },
  mapping: { type: "string" },
  out: { type: "string" },
  migration: { type: "string" },
  run: { type: "string" },
  state: { type: "string" },
  "time-zone": { type: "string" },
  "failures-csv": { type: "string" },
  json: { type: "boolean", default: false },
  verbose: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** Flags each command needs (besides the common ones). */
const REQUIRED: Record<CommandName, ReadonlyArray<keyof typeof OPTIONS>> = {
  migrate: ["from", "to"],
  estimate: ["from", "to"],
  mapping: ["from", "to", "out"],
  resume: ["migration"],
  delta: ["migration"],
  rollback: ["migration"],
  help: [],
};

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}, got "${value}"`);
}

function entitiesOf(value: string | undefined): EntityKind[] {
  if (value === undefined) return [...CRM_ENTITIES];
  const names = value
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((n) => !(CRM_ENTITIES as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--entities takes a comma-separated list of ${CRM_ENTITIES.join(", ")}${unknown.length > 0 ? `; unknown: ${unknown.join(", ")}` : ""}`,
    );
  }
  return [...new Set(names)] as EntityKind[];
}

function pilotOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PILOT_SIZE) {
    throw new UsageError(
      `--pilot takes a number of records per entity from 1 to ${MAX_PILOT_SIZE}, got "${value}"`,
    );
  }
  return n;
}

/** Parses `argv` (without node and the script); throws `UsageError`. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages name the flag ("Unknown option '--form'"); they never echo values.
    throw new UsageError(error instanceof Error ? error.message.split("\n")[0]! : String(error));
  }
  const { values, positionals } = parsed;
  const [name, ...extra] = positionals;
  if (name === undefined || values.help) return { ...defaults(), command: "help" };
  if (!(COMMANDS as readonly string[]).includes(name)) {
    throw new UsageError(`Unknown command "${name}"; commands: ${COMMANDS.join(", ")}`);
  }
  if (extra.length > 0)
    throw new UsageError(`Unexpected argument "${extra[0]}"; flags start with --`);
  const command = name as CommandName;
  const missing = REQUIRED[command].filter(
    (flag) => values[flag] === undefined || values[flag] === "",
  );
  if (missing.length > 0) {
    throw new UsageError(`${command} needs ${missing.map((f) => `--${f}`).join(" and ")}`);
  }
  if (values.pilot !== undefined && command !== "migrate")
    throw new UsageError("--pilot belongs to migrate");
  return {
    command,
    ...(values.from === undefined ? {} : { from: values.from }),
    ...(values.to === undefined ? {} : { to: values.to }),
    fromDeployment: oneOf("from-deployment", values["from-deployment"], DEPLOYMENTS, "cloud"),
    toDeployment: oneOf("to-deployment", values["to-deployment"], DEPLOYMENTS, "cloud"),
    entities: entitiesOf(values.entities),
    ...optional("pilot", pilotOf(values.pilot)),
    ...optional("mappingFile", values.mapping),
    ...optional("out", values.out),
    ...optional("migrationId", values.migration),
    ...optional("runId", values.run),
    ...optional(
      "state",
      values.state === undefined ? undefined : oneOf("state", values.state, STATES, "memory"),
    ),
    ...optional("timeZone", values["time-zone"]),
    ...optional("failuresCsv", values["failures-csv"]),
    json: values.json,
    verbose: values.verbose,
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

const defaults = (): Omit<CliArgs, "command"> => ({
  fromDeployment: "cloud",
  toDeployment: "cloud",
  entities: [...CRM_ENTITIES],
  json: false,
  verbose: false,
});

export const HELP = `Pereezd CLI: move CRM data between Bitrix24 portals from a terminal.

Usage: npm run cli -- <command> [flags]    (built image: node dist/cli/main.js <command> [flags])

Commands
  migrate   --from URL --to URL [--entities LIST] [--pilot N] [--mapping FILE]
            check both portals, store the migration, then run it (or only a pilot of N per entity)
  estimate  --from URL --to URL [--entities LIST] [--mapping FILE]
            records, API requests and duration, without moving anything
  mapping   --from URL --to URL --out FILE [--entities LIST]
            write the proposed field mapping to FILE (edit it, then migrate --mapping FILE)
  resume    --migration ID [--from URL] [--to URL]
            continue a stopped migration, optionally with new webhook links for its portals
  delta     --migration ID      move what changed since the last successful run
  rollback  --migration ID [--run pilot-N]
            remove what the migration (or one pilot) created in the target

Flags
  --from, --to URL          Bitrix24 inbound webhook links (https://portal/rest/<user>/<code>/)
  --from-deployment, --to-deployment cloud|on_premise   request budget of each portal (cloud)
  --entities LIST           ${CRM_ENTITIES.join(",")} (all by default)
  --state memory|mongo      where migrations are kept (mongo when MONGO_URL is set)
  --time-zone ZONE          IANA zone for dates without an offset (TIME_ZONE, Europe/Moscow)
  --failures-csv FILE       write failed records as CSV
  --json                    print the final report as JSON on stdout
  --verbose                 log requests and retries on stderr

Environment: ALLOWED_PRIVATE_HOSTS, MONGO_URL, ENCRYPTION_KEY, REDIS_URL (shared rate limits).
Exit codes: 0 done, 1 failed, 2 bad input, 3 credentials refused, 4 done with failed records,
75 stopped (resumable), 78 bad environment.
`;
