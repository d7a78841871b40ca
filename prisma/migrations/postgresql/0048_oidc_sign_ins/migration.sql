-- OIDC sign-ins in progress (state, nonce, PKCE verifier), kept in the database rather than one process's
-- memory, so a sign-in started before a restart or on another replica finishes. Single use; expired rows swept.
CREATE TABLE "OidcSignIn" (
    "id" TEXT NOT NULL,
    "verifier" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OidcSignIn_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "OidcSignIn_expiresAt_idx" ON "OidcSignIn"("expiresAt");
