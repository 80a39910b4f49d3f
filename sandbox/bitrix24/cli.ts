/**
 * `npm run sandbox -- bitrix24 [options]`: start local portals, print their inbound
 * webhook URLs and OAuth credentials, run until Ctrl+C. Options: see `USAGE`.
 */
import { parseArgs } from "node:util";
import { generatePortalData } from "./data/generate.js";
import { loadSeedFile } from "./data/seed.js";
import { startBitrix24Sandbox, type Bitrix24SandboxOptions } from "./index.js";
import type { LimitsOptions } from "./limits/limits-config.js";

const USAGE = `Usage: npm run sandbox -- bitrix24 [options]
  --port 8101          port of the first portal (the next ones follow)
  --portals N          how many portals (1)
  --box                on-premise portals (no rate limit, no operating limit)
  --enterprise         Enterprise plan (5 req/s, burst 250)
  --generate SIZE      fill each portal with about SIZE generated CRM records
  --seed FILE          load each portal from a seed file (data/seed.ts format)
  --rate R --burst B   leaky bucket: drain R per second, threshold B
  --no-limits          switch both limits off
  --operating S        operating limit, seconds per 10 minutes (480 in the cloud)
  --cost S             simulated seconds per call of a method without its own cost
  --time-scale N       run limits N times faster
  --faults RATE        share of requests that fail (500, 503, drop, slow)
  --fault-seed N       seed of the fault sequence (1)`;

const OPTIONS = {
  port: { type: "string", default: "8101" },
  portals: { type: "string", default: "1" },
  box: { type: "boolean", default: false },
  enterprise: { type: "boolean", default: false },
  generate: { type: "string" },
  seed: { type: "string" },
  rate: { type: "string" },
  burst: { type: "string" },
  "no-limits": { type: "boolean", default: false },
  operating: { type: "string" },
  cost: { type: "string" },
  "time-scale": { type: "string" },
  faults: { type: "string" },
  "fault-seed": { type: "string", default: "1" },
  help: { type: "boolean", default: false },
} as const;

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0)
    throw new Error(`--${name} expects a number, got "${value}"`);
  return parsed;
}

/** Translate command-line arguments into sandbox options. */
export function optionsFromArgs(
  args: readonly string[],
): Bitrix24SandboxOptions & { help: boolean; seedFile?: string } {
  const { values } = parseArgs({
    args: [...args],
    options: OPTIONS,
    strict: true,
    allowPositionals: false,
  });
  if (values.seed !== undefined) {
    throw new Error(
      "--seed FILE is not available yet: seed files come with the domain side (data/)",
    );
  }
  const rate = number("rate", values.rate);
  const burst = number("burst", values.burst);
  const operating = number("operating", values.operating);
  const cost = number("cost", values.cost);
  const limits: LimitsOptions | false = values["no-limits"]
    ? false
    : {
        ...(rate === undefined && burst === undefined
          ? {}
          : {
              rate: {
                ...(rate === undefined ? {} : { drainPerSecond: rate }),
                ...(burst === undefined ? {} : { threshold: burst }),
              },
            }),
        ...(operating === undefined && cost === undefined
          ? {}
          : {
              operating: {
                ...(operating === undefined ? {} : { limitSeconds: operating }),
                ...(cost === undefined ? {} : { defaultCost: cost }),
              },
            }),
      };
  const portals = number("portals", values.portals) ?? 1;
  const size = number("generate", values.generate);
  const faultRate = number("faults", values.faults);
  const timeScale = number("time-scale", values["time-scale"]);
  return {
    help: values.help,
    port: number("port", values.port) ?? 8101,
    portals: Array.from({ length: Math.max(1, Math.floor(portals)) }, () => ({
      kind: values.box ? ("box" as const) : ("cloud" as const),
      plan: values.enterprise ? ("enterprise" as const) : ("standard" as const),
    })),
    limits,
    ...(timeScale === undefined ? {} : { timeScale }),
    ...(faultRate === undefined ? {} : { faults: { rate: faultRate } }),
    seed: number("fault-seed", values["fault-seed"]) ?? 1,
    ...(size === undefined
      ? {}
      : { createData: (index: number) => generatePortalData({ size, seed: index + 1 }) }),
    ...(values.seed === undefined ? {} : { seedFile: values.seed }),
  };
}

/** Run the CLI; resolves when the sandbox has been stopped by SIGINT/SIGTERM. */
export async function runBitrix24Cli(args: readonly string[]): Promise<void> {
  const options = optionsFromArgs(args);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.seedFile !== undefined) {
    // One seed file describes one portal; every portal starts from its own copy.
    const seedFile = options.seedFile;
    const copies = await Promise.all(
      (Array.isArray(options.portals) ? options.portals : [{}]).map(() => loadSeedFile(seedFile)),
    );
    options.createData = (index) => {
      const data = copies[index];
      if (!data) throw new Error(`no seed copy for portal ${index + 1}`);
      return data;
    };
  }
  const sandbox = await startBitrix24Sandbox(options);
  console.log(`Bitrix24 sandbox: ${sandbox.portals.length} portal(s)`);
  for (const [i, p] of sandbox.portals.entries()) {
    const { rate, operating, timeScale } = p.runtime.limits.config;
    console.log(
      `\nportal ${i + 1}  ${p.portal.kind}/${p.portal.plan}  member_id=${p.portal.memberId}`,
    );
    console.log(`  inbound webhook: ${p.webhookUrl}`);
    console.log(
      `  OAuth: client_endpoint=${p.clientEndpoint} client_id=${p.app.clientId} client_secret=${p.app.clientSecret}`,
    );
    console.log(
      `         access_token=${p.tokens.accessToken} refresh_token=${p.tokens.refreshToken}`,
    );
    console.log(
      `  limits: ${rate ? `${rate.drainPerSecond} req/s, burst ${rate.threshold}` : "no rate limit"}; ` +
        `${operating ? `operating ${operating.limitSeconds} s per ${operating.windowSeconds} s` : "no operating limit"}` +
        `${timeScale !== 1 ? `; time ×${timeScale}` : ""}`,
    );
  }
  console.log("\nPress Ctrl+C to stop.");
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void sandbox.close().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
