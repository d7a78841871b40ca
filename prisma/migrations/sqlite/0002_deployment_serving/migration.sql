-- CreateTable
CREATE TABLE "DeploymentKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "PredictionLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deploymentId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT NOT NULL,
    "inputs" JSONB NOT NULL,
    "output" JSONB NOT NULL,
    "latencyMs" REAL NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "artifactId" TEXT NOT NULL,
    "artifactHash" TEXT NOT NULL,
    "runtime" TEXT NOT NULL DEFAULT 'native',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "metrics" JSONB,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "runId" TEXT,
    "transformsArtifactId" TEXT,
    "name" TEXT NOT NULL DEFAULT '',
    "inputSchema" JSONB,
    "logSampleRate" REAL NOT NULL DEFAULT 1,
    "promotedAt" DATETIME,
    CONSTRAINT "Deployment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deployment_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "ModelArtifact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Deployment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Deployment" ("artifactHash", "artifactId", "createdAt", "createdById", "id", "metrics", "projectId", "runtime", "slug", "status", "updatedAt", "version") SELECT "artifactHash", "artifactId", "createdAt", "createdById", "id", "metrics", "projectId", "runtime", "slug", "status", "updatedAt", "version" FROM "Deployment";
DROP TABLE "Deployment";
ALTER TABLE "new_Deployment" RENAME TO "Deployment";
CREATE INDEX "Deployment_projectId_idx" ON "Deployment"("projectId");
CREATE INDEX "Deployment_artifactId_idx" ON "Deployment"("artifactId");
CREATE INDEX "Deployment_status_idx" ON "Deployment"("status");
CREATE INDEX "Deployment_createdById_idx" ON "Deployment"("createdById");
CREATE UNIQUE INDEX "Deployment_slug_version_key" ON "Deployment"("slug", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DeploymentKey_hash_key" ON "DeploymentKey"("hash");

-- CreateIndex
CREATE INDEX "DeploymentKey_slug_idx" ON "DeploymentKey"("slug");

-- CreateIndex
CREATE INDEX "DeploymentKey_projectId_idx" ON "DeploymentKey"("projectId");

-- CreateIndex
CREATE INDEX "PredictionLog_deploymentId_at_idx" ON "PredictionLog"("deploymentId", "at");

-- CreateIndex
CREATE INDEX "PredictionLog_slug_at_idx" ON "PredictionLog"("slug", "at");
