// Test-only OpenID Connect provider for Herald's browser tests.
//
// Runs the certified `oidc-provider` package with its built-in development
// interactions (a "Sign-in" page accepting any login/password, then an
// "Authorize" consent page). NEVER deploy this: it accepts any credentials.
//
// Configuration (environment variables):
//   OIDC_PORT            port to listen on (127.0.0.1 only)
//   OIDC_ISSUER          issuer URL, e.g. http://127.0.0.1:PORT (no trailing slash)
//   OIDC_CLIENT_ID       the one confidential client's id
//   OIDC_CLIENT_SECRET   its secret
//   OIDC_REDIRECT_URIS   comma-separated redirect URIs (exact match)
//
// Prints "OIDC provider ready at <issuer>" on stdout once listening.

import { generateKeyPairSync, randomBytes } from 'node:crypto';

import Provider from 'oidc-provider';

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`server.js: environment variable ${name} is required`);
    process.exit(2);
  }
  return value;
}

const port = Number.parseInt(required('OIDC_PORT'), 10);
const issuer = required('OIDC_ISSUER').replace(/\/+$/, '');
const clientId = required('OIDC_CLIENT_ID');
const clientSecret = required('OIDC_CLIENT_SECRET');
const redirectUris = required('OIDC_REDIRECT_URIS')
  .split(',')
  .map((uri) => uri.trim())
  .filter(Boolean);

function capitalize(word) {
  return word ? word[0].toUpperCase() + word.slice(1) : word;
}

// Any login name is accepted by the dev interactions; the account's `sub` is
// that login name verbatim. "jane.doe" -> Jane Doe, "alice" -> Alice Tester.
function claimsFor(login) {
  const parts = login.split(/[._\-\s]+/).filter(Boolean);
  const givenName = capitalize(parts[0] || login);
  const familyName = parts.length > 1 ? parts.slice(1).map(capitalize).join(' ') : 'Tester';
  return {
    sub: login,
    email: `${login}@example.test`,
    email_verified: true,
    name: `${givenName} ${familyName}`,
    given_name: givenName,
    family_name: familyName,
    preferred_username: login,
  };
}

// A fresh signing key per run (avoids the "using the development keystore"
// warning and keeps tests from relying on a well-known key).
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', alg: 'RS256', use: 'sig' };

const configuration = {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // Registered as client_secret_basic. oidc-provider treats the two
      // shared-secret methods as interchangeable for a client registered with
      // either of them, so client_secret_post (secret in the form body) is
      // accepted too (verified by the end-to-end check).
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid email profile',
    },
  ],
  responseTypes: ['code'],
  scopes: ['openid', 'email', 'profile'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
  },
  // Put the scope-requested claims in the ID token as well as in userinfo,
  // so a relying party works whether or not it calls the userinfo endpoint.
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return claimsFor(id);
      },
    };
  },
  features: {
    devInteractions: { enabled: true },
    // Keep the surface small: no dynamic registration, no end-session page
    // customisation, no introspection/revocation needed by Herald's tests.
  },
  // PKCE (S256 only) is accepted; by default oidc-provider 9 requires it only
  // for public clients (token_endpoint_auth_method "none") and FAPI profiles,
  // so for this confidential client it is optional.
  cookies: {
    // Signing keys for the provider's own cookies. Over plain http the
    // provider never sets the Secure flag (it only does when the request is
    // https), so login -> consent -> redirect works on http://127.0.0.1.
    keys: [randomBytes(32).toString('hex')],
  },
  jwks: { keys: [signingJwk] },
  ttl: {
    // Generous session lifetimes for slow CI machines.
    Interaction: 30 * 60,
    Session: 60 * 60,
    Grant: 60 * 60,
  },
};

const provider = new Provider(issuer, configuration);

// The dev interaction pages (and error pages) @import a Google Fonts
// stylesheet. Tests run offline; drop the import so pages never wait on the
// network and no request leaves the machine.
provider.use(async (ctx, next) => {
  await next();
  if (typeof ctx.body === 'string' && ctx.type && ctx.type.includes('html')) {
    ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);?/g, '');
  }
});

provider.on('server_error', (ctx, err) => {
  console.error('oidc-provider server_error:', err);
});

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`OIDC provider ready at ${issuer}`);
});

function shutdown() {
  server.close(() => process.exit(0));
  // Keep-alive connections from the browser may hold the server open.
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
