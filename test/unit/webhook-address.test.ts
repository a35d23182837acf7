import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  InsideNetwork,
  isInternalAddress,
  literalInternalAddress,
  type Resolve,
} from '../../activities/delivery/webhook-address';
import { sendWebhook, WebhookRefused } from '../../activities/delivery/webhook';

/** Webhooks must not reach into the worker's own network (server-side request forgery). */
describe('webhook addresses inside this network', () => {
  it.each([
    ['127.0.0.1', 'this machine'],
    ['10.20.30.40', 'a private network'],
    ['172.16.0.1', 'a private network'],
    ['172.31.255.255', 'the end of 172.16.0.0/12'],
    ['192.168.1.10', 'a private network'],
    ['169.254.169.254', 'link-local, where clouds serve instance metadata'],
    ['100.64.0.1', 'shared address space (carrier NAT)'],
    ['0.0.0.0', '"this network"'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'this machine over IPv6'],
    ['::', 'the unspecified address'],
    ['fd12:3456::1', 'an IPv6 unique local address'],
    ['fe80::1', 'IPv6 link-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:10.0.0.1', 'a private IPv4 address written as IPv6'],
    ['::ffff:7f00:1', '127.0.0.1 written as IPv6 the way a URL writes it'],
    ['::10.0.0.1', 'an IPv4-compatible IPv6 address (deprecated)'],
    ['64:ff9b::10.0.0.1', 'a private IPv4 address through NAT64'],
    ['64:ff9b::a9fe:a9fe', '169.254.169.254 through NAT64'],
    ['2002:c0a8:101::1', '192.168.1.1 through 6to4'],
    ['2002:7f00:1:0:0:0:0:1', '127.0.0.1 through 6to4, written out'],
  ])('when the address is %s (%s), then it is inside', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each([
    ['8.8.8.8'],
    ['93.184.216.34'],
    ['172.32.0.1'],
    ['100.128.0.1'],
    ['2001:4860:4860::8888'],
    ['::ffff:808:808'],
    ['64:ff9b::808:808'],
    ['2002:808:808::1'],
    ['2001:db8:64:ff9b::1'],
  ])('when the address is %s, then it is outside', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });

  it('when a URL names an address, then an inside one is found without a look-up, and none for a public one or a name', () => {
    const inside = (url: string) => literalInternalAddress(new URL(url));
    expect(inside('http://127.0.0.1:8080/hook')).toBe('127.0.0.1');
    expect(inside('http://[::1]:8080/hook')).toBe('::1');
    expect(inside('http://[::ffff:10.0.0.1]/hook')).toBe('::ffff:a00:1');
    expect(inside('https://93.184.216.34/hook')).toBeUndefined();
    expect(inside('https://localhost/hook')).toBeUndefined();
  });
});

/** The address checked must be the address connected to (a name may answer differently the next time). */
describe('a webhook sent through the guarded look-up', () => {
  let receiver: Server;
  let port: number;
  const hits: { host?: string; body: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        hits.push({ host: request.headers.host, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  /** A name server that answers each question from a list in turn, and counts them. */
  function answering(...answers: string[][]) {
    const asked: string[] = [];
    const resolve: Resolve = async (hostname) => {
      const addresses = answers[asked.length] ?? [];
      asked.push(hostname);
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    return { resolve, asked };
  }

  const call = (url: string) => ({
    url,
    secret: 'whsec_' + 'A'.repeat(44),
    id: 'msg_1',
    body: '{"n":1}',
    at: new Date(),
  });

  it('when a name answers with an address inside, then the send fails for good naming it, after one question, and nothing arrives', async () => {
    const before = hits.length;
    const dns = answering(['127.0.0.1']);
    const sent = sendWebhook(call(`http://hooks.example:${port}/in`), { allowInternal: false, resolve: dns.resolve });
    await expect(sent).rejects.toThrow(new InsideNetwork('127.0.0.1'));
    expect(dns.asked).toEqual(['hooks.example']);
    expect(hits.length).toBe(before);
  });

  it('when any of the addresses a name answers with is inside, then it is refused', async () => {
    const dns = answering(['93.184.216.34', '10.0.0.7']);
    const sent = sendWebhook(call(`http://hooks.example:${port}/in`), { allowInternal: false, resolve: dns.resolve });
    await expect(sent).rejects.toBeInstanceOf(InsideNetwork);
  });

  it('when inside addresses are allowed, then the connection goes to the one address the name answered with, asked once (no second look-up to rebind)', async () => {
    const dns = answering(['127.0.0.1'], ['93.184.216.34']);
    await sendWebhook(call(`http://hooks.example:${port}/in`), { allowInternal: true, resolve: dns.resolve });
    expect(dns.asked).toEqual(['hooks.example']);
    expect(hits.at(-1)).toEqual({ host: `hooks.example:${port}`, body: '{"n":1}' });
  });

  it('when the URL is a literal address inside, then it is refused without a look-up, and allowed when inside is allowed', async () => {
    const dns = answering();
    const url = `http://127.0.0.1:${port}/in`;
    await expect(sendWebhook(call(url), { allowInternal: false, resolve: dns.resolve })).rejects.toBeInstanceOf(
      InsideNetwork,
    );
    await sendWebhook(call(url), { allowInternal: true, resolve: dns.resolve });
    expect(dns.asked).toEqual([]);
  });

  it('when the receiver answers other than 2xx, then the send fails (and may be retried)', async () => {
    const refusing = createServer((_, response) => response.writeHead(302, { location: '/elsewhere' }).end());
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/in`;
      await expect(sendWebhook(call(url), { allowInternal: true })).rejects.toThrow(
        new WebhookRefused('The webhook answered 302'),
      );
    } finally {
      await new Promise((resolve) => refusing.close(resolve));
    }
  });
});
