import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses inside the network the worker runs in: this machine, private networks, link-local
 * (where clouds answer metadata requests), shared address space, multicast and reserved ranges.
 * A webhook URL that reaches one would let whoever sets it make the worker post to an internal
 * service (server-side request forgery); operations set webhooks, and a mistake is as likely.
 */
const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3], // multicast and reserved, up to 255.255.255.255
] as const) {
  internal.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127], // unspecified and loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  internal.addSubnet(network, prefix, 'ipv6');
}

/** An IPv4 address written as IPv6 (::ffff:a.b.c.d, or ::ffff:aabb:ccdd as a URL writes it), as IPv4. */
function mappedIpv4(address: string): string | undefined {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (dotted) return dotted;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const [high, low] = hex.slice(1, 3).map((part) => parseInt(part, 16));
  return [high, low].flatMap((n = 0) => [n >> 8, n & 255]).join('.');
}

/** Whether an IP address is inside. */
export function isInternalAddress(address: string): boolean {
  const ipv4 = mappedIpv4(address);
  if (ipv4) return internal.check(ipv4, 'ipv4');
  return internal.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** The first internal address the URL's host is or resolves to; undefined when all are outside. */
export async function internalAddressOf(url: string): Promise<string | undefined> {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  return addresses.find(isInternalAddress);
}
