-- OIDC sign-ins in progress (state, nonce, PKCE verifier), kept in the database rather than one process's
-- memory, so a sign-in started before a restart or on another replica finishes. Single use; expired rows swept.
CREATE TABLE "OidcSignIn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "verifier" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);
CREATE INDEX "OidcSignIn_expiresAt_idx" ON "OidcSignIn"("expiresAt");
