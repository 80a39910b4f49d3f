import { describe, expect, it } from "vitest";
import { FaultInjector } from "./faults.js";
import { startBitrix24Sandbox } from "./index.js";
import { FAKE_METHODS, makeTestPortal } from "./test-kit.js";

describe("FaultInjector", () => {
  it("fails the configured share of requests, the same way for the same seed", () => {
    const draw = (seed: number) => {
      const injector = new FaultInjector({ rate: 0.05 }, seed);
      return Array.from({ length: 4000 }, () => injector.pick());
    };
    const first = draw(42);
    const faults = first.filter((f) => f !== null);
    expect(faults.length).toBeGreaterThan(150);
    expect(faults.length).toBeLessThan(250);
    expect(new Set(faults)).toEqual(new Set(["500", "503", "drop", "slow"]));
    expect(draw(42)).toEqual(first);
    expect(draw(43)).not.toEqual(first);
  });

  it("spares token requests unless asked, and rejects a bad rate", () => {
    expect(new FaultInjector({ rate: 1 }, 1).pick(true)).toBeNull();
    expect(new FaultInjector({ rate: 1, oauth: true }, 1).pick(true)).not.toBeNull();
    expect(() => new FaultInjector({ rate: 2 }, 1)).toThrow(RangeError);
  });
});

describe("faults over HTTP", () => {
  it("answers 500 INTERNAL_SERVER_ERROR as JSON and 503 as a proxy's HTML page", async () => {
    const t500 = makeTestPortal({ faults: { rate: 1, kinds: ["500"] } });
    const internal = await t500.call("crm.fake.list");
    expect([internal.status, internal.body.error]).toEqual([500, "INTERNAL_SERVER_ERROR"]);
    const t503 = makeTestPortal({ faults: { rate: 1, kinds: ["503"] } });
    const proxy = await t503.call("crm.fake.list");
    expect(proxy.status).toBe(503);
    expect(proxy.response.headers.get("content-type")).toBe("text/html");
    expect(await proxy.response.text()).toContain("503 Service Temporarily Unavailable");
    expect(t500.runtime.stats.snapshot()).toMatchObject({ commands: 0, faults: { "500": 1 } });
  });

  it("delays a slow answer and runs the method", async () => {
    const t = makeTestPortal({ faults: { rate: 1, kinds: ["slow"], slowMs: 1500 } });
    const before = t.clock.now();
    expect((await t.call("crm.fake.list")).status).toBe(200);
    expect(t.clock.now() - before).toBe(1500);
  });

  it("leaves token refresh alone by default", async () => {
    const t = makeTestPortal({ faults: { rate: 1, kinds: ["500"] } });
    const query = new URLSearchParams({
      grant_type: "refresh_token",
      client_id: t.app.clientId,
      client_secret: t.app.clientSecret,
      refresh_token: t.tokens.refreshToken,
    });
    expect(
      (await t.http.request(`http://127.0.0.1:8101/oauth/token/?${query.toString()}`)).status,
    ).toBe(200);
  });

  it("drops the connection after running the method", async () => {
    const t = makeTestPortal({ faults: { rate: 1, kinds: ["drop"] } });
    const response = await t.http.request(`http://127.0.0.1:8101${t.hookPath}crm.fake.list`);
    expect(response.type).toBe("error");
    expect(t.runtime.stats.snapshot().commands).toBe(1);

    const sandbox = await startBitrix24Sandbox({
      methods: FAKE_METHODS,
      faults: { rate: 1, kinds: ["drop"] },
    });
    try {
      await expect(fetch(`${sandbox.portals[0]!.webhookUrl}crm.fake.list`)).rejects.toThrow();
      expect(sandbox.stats().commands).toBe(1);
      sandbox.setFaults(null);
      expect((await fetch(`${sandbox.portals[0]!.webhookUrl}crm.fake.list`)).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});
