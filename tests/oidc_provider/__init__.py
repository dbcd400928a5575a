"""Test-only OpenID Connect provider (npm oidc-provider) and its Python harness."""
