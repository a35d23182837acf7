/* global process, console */
// A real OpenID Connect provider for the browser tests (the `oidc-provider` package, ES modules only,
// hence its own process). Usage: node oidc-provider.mjs <port> <redirect URL>. Any password signs in;
// the login name picks the account: begeleider-a is begeleider@a.example, others name@unknown.example.
import Provider from 'oidc-provider';

const [port, redirectUri] = process.argv.slice(2);
const emails = { 'begeleider-a': 'begeleider@a.example', consulent: 'consulent@zeist.example' };

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: 'wmo-trajecten',
      client_secret: 'a client secret for the browser tests only',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  findAccount: (_ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, email: emails[id] ?? `${id}@unknown.example`, email_verified: true }),
  }),
  cookies: { keys: ['a cookie key for the browser tests only'] },
  features: { devInteractions: { enabled: true } },
});
provider.listen(Number(port), '127.0.0.1', () => console.log('oidc-provider ready'));
