import { describe, expect, it } from "vitest";
import { PereezdError } from "../errors.js";
import { isForbiddenAddress } from "./ip-ranges.js";
import { checkUserUrl, type HostLookup } from "./url-guard.js";

const table: Record<string, string[]> = {
  "acme.bitrix24.ru": ["93.184.216.34"],
  "rebind.example": ["93.184.216.34", "10.0.0.5"],
  "v6.example": ["2606:4700::1111"],
  "v6-private.example": ["fd12:3456::1"],
  localhost: ["127.0.0.1", "::1"],
  "empty.example": [],
};
const lookup: HostLookup = async (host) => {
  const addresses = table[host];
  if (addresses === undefined)
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

async function refusal(raw: string, allowedHosts: string[] = []): Promise<string> {
  try {
    await checkUserUrl(raw, { allowedHosts, lookup });
    return "accepted";
  } catch (error) {
    if (!(error instanceof PereezdError)) throw error;
    expect(error.kind).toBe("invalid_input");
    return error.code ?? "no code";
  }
}

describe("checkUserUrl", () => {
  it.each([
    ["https://acme.bitrix24.ru/rest/1/abc/", "accepted"],
    ["  https://acme.bitrix24.ru/  ", "accepted"],
    ["https://v6.example/", "accepted"],
    ["https://93.184.216.34/", "accepted"],
    ["https://[2606:4700::1111]/", "accepted"],
    ["not a url", "url_malformed"],
    ["https://", "url_malformed"],
    ["http://acme.bitrix24.ru/", "url_not_https"],
    ["ftp://acme.bitrix24.ru/", "url_not_https"],
    ["javascript:alert(1)", "url_not_https"],
    ["https://127.0.0.1/", "url_private_address"],
    ["https://10.1.2.3/", "url_private_address"],
    ["https://172.16.0.1/", "url_private_address"],
    ["https://172.31.255.255/", "url_private_address"],
    ["https://192.168.1.1/", "url_private_address"],
    ["https://100.64.0.1/", "url_private_address"],
    ["https://169.254.169.254/latest/meta-data/", "url_private_address"],
    ["https://0.0.0.0/", "url_private_address"],
    ["https://0/", "url_private_address"],
    ["https://2130706433/", "url_private_address"],
    ["https://0x7f000001/", "url_private_address"],
    ["https://0177.0.0.1/", "url_private_address"],
    ["https://127.1/", "url_private_address"],
    ["https://[::1]/", "url_private_address"],
    ["https://[::]/", "url_private_address"],
    ["https://[fe80::1]/", "url_private_address"],
    ["https://[fc00::1]/", "url_private_address"],
    ["https://[fd00::1]/", "url_private_address"],
    ["https://[::ffff:127.0.0.1]/", "url_private_address"],
    ["https://[::ffff:a9fe:a9fe]/", "url_private_address"],
    ["https://[64:ff9b::a00:1]/", "url_private_address"],
    ["https://[2002:c0a8:101::]/", "url_private_address"],
    ["https://localhost/", "url_private_address"],
    ["https://rebind.example/", "url_private_address"],
    ["https://v6-private.example/", "url_private_address"],
    ["https://nowhere.example/", "url_unresolvable"],
    ["https://empty.example/", "url_unresolvable"],
  ])("%s → %s", async (raw, expected) => {
    expect(await refusal(raw)).toBe(expected);
  });

  it("lets the operator allow a host, by name or host:port, over http too", async () => {
    expect(await refusal("http://127.0.0.1:8101/rest/1/x/", ["127.0.0.1:8101"])).toBe("accepted");
    expect(await refusal("http://127.0.0.1:8102/", ["127.0.0.1:8101"])).toBe("url_not_https");
    expect(await refusal("https://LOCALHOST/", ["localhost"])).toBe("accepted");
    expect(await refusal("http://localhost/", ["localhost:80"])).toBe("accepted");
    expect(await refusal("ftp://localhost/", ["localhost"])).toBe("url_not_https");
  });

  it("never puts the secret of the URL into the error", async () => {
    const error = await checkUserUrl("http://acme.bitrix24.ru/rest/1/s3cr3t/", {
      allowedHosts: [],
      lookup,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PereezdError);
    expect(JSON.stringify((error as PereezdError).details)).not.toContain("s3cr3t");
    expect((error as PereezdError).message).not.toContain("s3cr3t");
  });

  it("returns the parsed URL", async () => {
    const url = await checkUserUrl("https://acme.bitrix24.ru/rest/1/abc/", {
      allowedHosts: [],
      lookup,
    });
    expect(url.hostname).toBe("acme.bitrix24.ru");
  });
});

describe("isForbiddenAddress", () => {
  it.each([
    ["8.8.8.8", false],
    ["172.32.0.1", false],
    ["100.128.0.1", false],
    ["2a00:1450::1", false],
    ["::ffff:8.8.8.8", false],
    ["[::1]", true],
    ["fe80::1%eth0", true],
    ["255.255.255.255", true],
    ["not-an-ip", true],
  ])("%s → %s", (address, forbidden) => {
    expect(isForbiddenAddress(address)).toBe(forbidden);
  });
});
