-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "inputSchema" JSONB,
ADD COLUMN     "logSampleRate" DOUBLE PRECISION NOT NULL DEFAULT 1,
ADD COLUMN     "name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "promotedAt" TIMESTAMP(3),
ADD COLUMN     "runId" TEXT,
ADD COLUMN     "transformsArtifactId" TEXT;

-- CreateTable
CREATE TABLE "DeploymentKey" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "DeploymentKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PredictionLog" (
    "id" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT NOT NULL,
    "inputs" JSONB NOT NULL,
    "output" JSONB NOT NULL,
    "latencyMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "PredictionLog_pkey" PRIMARY KEY ("id")
);

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
