import { lookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses inside the network the worker runs in: this machine, private networks, link-local
 * (where clouds answer metadata requests), shared address space, multicast and reserved ranges,
 * and IPv4 addresses inside carried in IPv6 (mapped, NAT64, 6to4).
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
  ['::', 96], // unspecified, loopback, and IPv4-compatible (::a.b.c.d, deprecated)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  internal.addSubnet(network, prefix, 'ipv6');
}

/** An IPv6 address as its eight 16-bit groups (a trailing dotted IPv4 part counts as two). */
function groupsOf(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const [a = 0, b = 0, c = 0, d = 0] = dotted ? dotted.slice(1).map(Number) : [];
  const text = dotted
    ? `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
    : address;
  const [head = '', tail] = text.split('::');
  const split = (part: string) => (part ? part.split(':') : []);
  const zeros = tail === undefined ? [] : Array<string>(8 - split(head).length - split(tail).length).fill('0');
  return [...split(head), ...zeros, ...split(tail ?? '')].map((group) => parseInt(group, 16));
}

const dottedOf = (high = 0, low = 0) => [high >> 8, high & 255, low >> 8, low & 255].join('.');

/**
 * The IPv4 address an IPv6 one reaches: written as IPv6 (::ffff:0:0/96, in both forms a URL or a
 * resolver gives), through a NAT64 gateway's well-known prefix (64:ff9b::/96), or 6to4 (2002::/16).
 */
function embeddedIpv4(address: string): string | undefined {
  if (isIP(address) !== 6) return undefined;
  const g = groupsOf(address.toLowerCase());
  const zeroUpTo = (n: number) => g.slice(0, n).every((group) => group === 0);
  if (zeroUpTo(5) && g[5] === 0xffff) return dottedOf(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((group) => group === 0)) return dottedOf(g[6], g[7]);
  if (g[0] === 0x2002) return dottedOf(g[1], g[2]);
  return undefined;
}

/** Whether an IP address is inside. */
export function isInternalAddress(address: string): boolean {
  const ipv4 = embeddedIpv4(address);
  if (ipv4) return internal.check(ipv4, 'ipv4');
  return internal.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** A webhook's host turned out to be inside this network: no retry will change that. */
export class InsideNetwork extends Error {
  constructor(readonly address: string) {
    super(`The webhook's host is ${address}, an address inside this network; WEBHOOK_ALLOW_INTERNAL=true allows it`);
  }
}

/** Every address of a host name (the system resolver by default; tests answer for names of their own). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    lookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/**
 * The look-up the connection itself uses, so the address checked is the address connected to: a
 * check before sending and a second look-up by the client would let a name answer outside first
 * and inside next (DNS rebinding). A name with any address inside is refused.
 */
export function guardedLookup(allowInternal: boolean, resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const inside = allowInternal ? undefined : addresses.find((a) => isInternalAddress(a.address));
        const first = addresses[0];
        if (inside) callback(new InsideNetwork(inside.address), '');
        else if (options.all) callback(null, addresses);
        else if (first) callback(null, first.address, first.family);
        else callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/** A URL whose host is an address inside this network (a literal address is connected to without a look-up). */
export function literalInternalAddress(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) && isInternalAddress(host) ? host : undefined;
}
