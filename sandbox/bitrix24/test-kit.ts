/**
 * Helpers for the sandbox's own tests: one portal app driven through `app.request()`
 * with a fake clock, and a handful of stand-in methods (a list, an add, an
 * app-context-only method) so the HTTP layer is tested without the domain methods.
 */
import { createFakeClock, type FakeClock } from "./clock.js";
import { PortalData } from "./data/portal-data.js";
import type { FaultOptions } from "./faults.js";
import type { LimitsOptions } from "./limits/limits-config.js";
import { RestError, type MethodDefinition } from "./method-types.js";
import type { PortalKind, PortalPlan } from "./portal.js";
import { PortalRuntime } from "./portal-runtime.js";
import { buildPortal, type BuiltPortal } from "./sandbox-portals.js";
import { createPortalApp } from "./server.js";

/** 120 rows `{ID: "1"…"120", TITLE}` served 50 per page like a legacy list. */
const ROWS = Array.from({ length: 120 }, (_, i) => ({ ID: String(i + 1), TITLE: `Deal ${i + 1}` }));

/** Stand-in methods: `crm.fake.list/add/get`, `user.fake.get`, an OAuth-only method, `echo`. */
export const FAKE_METHODS: MethodDefinition[] = [
  {
    name: "crm.fake.list",
    scope: "crm",
    cost: 2,
    handler: (call) => {
      const start = call.start ?? 0;
      const page = start < 0 ? 0 : Math.floor(start / 50) * 50;
      const rows = ROWS.slice(page, page + 50);
      if (start < 0) return { result: rows };
      return page + 50 < ROWS.length
        ? { result: rows, next: page + 50, total: ROWS.length }
        : { result: rows, total: ROWS.length };
    },
  },
  {
    name: "crm.fake.add",
    scope: "crm",
    handler: (call) => {
      const fields = call.params.fields as Record<string, unknown> | undefined;
      const title = fields?.TITLE;
      if (typeof title !== "string" || title === "")
        throw new RestError("", "Required fields: TITLE");
      return { result: 1000 + title.length };
    },
  },
  {
    name: "crm.fake.get",
    scope: "crm",
    handler: (call) => {
      const row = ROWS.find((r) => r.ID === String(call.params.id ?? call.params.ID));
      if (!row) throw new RestError("", "Not found");
      return { result: row };
    },
  },
  { name: "user.fake.get", scope: "user", handler: () => ({ result: [{ ID: "1" }] }) },
  {
    name: "telephony.externalCall.register",
    scope: "telephony",
    webhookAllowed: false,
    handler: () => ({ result: { CALL_ID: "externalCall.1" } }),
  },
  {
    name: "echo",
    scope: null,
    cost: 0,
    handler: (call) => ({ result: { params: call.params, start: call.start ?? null } }),
  },
  {
    name: "crm.fake.crash",
    scope: "crm",
    handler: () => {
      throw new Error("bug");
    },
  },
];

/** Portal settings for a test; cloud/standard with the fake methods by default. */
export interface TestPortalOptions {
  kind?: PortalKind;
  plan?: PortalPlan;
  limits?: LimitsOptions | false;
  faults?: FaultOptions | null;
  methods?: MethodDefinition[];
  webhookScopes?: string[];
}

/** A test portal: its parts, its fake clock and a JSON `call` helper. */
export interface TestPortal extends BuiltPortal {
  clock: FakeClock;
  runtime: PortalRuntime;
  /** The hono app (`BuiltPortal.app` is the OAuth app). */
  http: ReturnType<typeof createPortalApp>;
  /** `/rest/1/<code>/` of the default webhook. */
  hookPath: string;
  /** POST JSON to `<path><method>`; answers status and parsed body (null if not JSON). */
  call(method: string, params?: Record<string, unknown>, path?: string): Promise<TestAnswer>;
}

/** A response with its status and parsed JSON body. */
export interface TestAnswer {
  status: number;
  body: Record<string, unknown>;
  response: Response;
}

/** One portal app with a fake clock and user 1 (Anna Petrova, admin). */
export function makeTestPortal(options: TestPortalOptions = {}): TestPortal {
  const clock = createFakeClock();
  const methods = options.methods ?? FAKE_METHODS;
  const data = new PortalData({ now: () => clock.now() });
  data.users.insert({
    id: 1,
    f: { NAME: "Anna", LAST_NAME: "Petrova", ACTIVE: "Y", IS_ADMIN: "Y", PERSONAL_GENDER: "F" },
  });
  const built = buildPortal(
    {
      data,
      kind: options.kind ?? "cloud",
      plan: options.plan ?? "standard",
      ...(options.webhookScopes ? { webhook: { scopes: options.webhookScopes } } : {}),
    },
    0,
    { clock, scopes: ["crm", "user", "telephony"] },
  );
  const runtime = new PortalRuntime(built.portal, {
    clock,
    limits: options.limits,
    faults: options.faults ?? null,
    seed: 7,
  });
  const http = createPortalApp({
    portal: built.portal,
    runtime,
    methods,
    clock,
    sleep: clock.sleep,
    onHandlerError: () => undefined,
  });
  const hookPath = `/rest/1/${built.webhook.code}/`;
  const call = async (method: string, params: Record<string, unknown> = {}, path = hookPath) => {
    const response = await http.request(`http://127.0.0.1:8101${path}${method}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(params),
    });
    return answer(response);
  };
  return { ...built, clock, runtime, http, hookPath, call };
}

/** Status and JSON body of a response (`{}` when the body is not JSON). */
export async function answer(response: Response): Promise<TestAnswer> {
  const text = await response.clone().text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = {};
  }
  return { status: response.status, body, response };
}
