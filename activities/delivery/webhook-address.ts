import { lookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

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
