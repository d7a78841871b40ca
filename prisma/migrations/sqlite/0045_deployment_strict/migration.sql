-- Strict input checking per deployment version (issue #13): off accepts a training-CSV row as its file writes it.
-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN "strict" BOOLEAN NOT NULL DEFAULT false;
