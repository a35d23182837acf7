import { internalAddressOf, isInternalAddress } from '../../activities/delivery/webhook-address';

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
  ])('when the address is %s, then it is outside', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });

  it('when a URL names an address or a host, then the internal address it reaches is found, and none for a public one', async () => {
    await expect(internalAddressOf('http://127.0.0.1:8080/hook')).resolves.toBe('127.0.0.1');
    await expect(internalAddressOf('http://[::1]:8080/hook')).resolves.toBe('::1');
    await expect(internalAddressOf('http://[::ffff:10.0.0.1]/hook')).resolves.toBe('::ffff:a00:1');
    await expect(internalAddressOf('https://localhost/hook')).resolves.toMatch(/^(127\.0\.0\.1|::1)$/);
    await expect(internalAddressOf('https://93.184.216.34/hook')).resolves.toBeUndefined();
  });
});
