import { BlockList, isIP, isIPv4 } from "node:net";

/**
 * Which IP addresses a user-supplied URL may never reach: private, loopback,
 * link-local, CGNAT, unique-local, unspecified, multicast and reserved ranges
 * (RFC 6890 special-purpose registry), plus the same addresses embedded in IPv6.
 *
 * Why: a CRM URL typed into the chat must not let a customer make our workers call
 * the cloud metadata service or an internal admin port (SSRF, DESIGN.md §6).
 */

const IPV4_SUBNETS: ReadonlyArray<readonly [string, number]> = [
  ["0.0.0.0", 8], // "this network", includes 0.0.0.0 (unspecified)
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // CGNAT shared address space
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, includes cloud metadata 169.254.169.254
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, includes broadcast
];

const IPV6_SUBNETS: ReadonlyArray<readonly [string, number]> = [
  ["::", 96], // unspecified, loopback and deprecated IPv4-compatible addresses
  ["100::", 64], // discard-only
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // deprecated site-local
  ["ff00::", 8], // multicast
];

function buildBlockList(): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of IPV4_SUBNETS) list.addSubnet(net, prefix, "ipv4");
  for (const [net, prefix] of IPV6_SUBNETS) list.addSubnet(net, prefix, "ipv6");
  return list;
}

const BLOCKED = buildBlockList();

/** The eight 16-bit groups of an IPv6 address (handles `::` and a dotted IPv4 tail). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function ipv4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/** IPv4 embedded in NAT64 (64:ff9b::/96) or 6to4 (2002::/16) addresses, if any. */
function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    return ipv4FromGroups(g[6] ?? 0, g[7] ?? 0);
  }
  if (g[0] === 0x2002) return ipv4FromGroups(g[1] ?? 0, g[2] ?? 0);
  return undefined;
}

/**
 * True when `address` (an IP literal, IPv6 with or without brackets or zone id)
 * must not be called for a user-supplied URL. Anything that is not an IP literal
 * is refused as well: callers resolve names first.
 */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const version = isIP(bare);
  if (version === 0) return true;
  if (isIPv4(bare)) return BLOCKED.check(bare, "ipv4");
  // BlockList also matches IPv4-mapped IPv6 (::ffff:a.b.c.d) against the IPv4 rules.
  if (BLOCKED.check(bare, "ipv6")) return true;
  const embedded = embeddedIpv4(bare);
  return embedded !== undefined && BLOCKED.check(embedded, "ipv4");
}
