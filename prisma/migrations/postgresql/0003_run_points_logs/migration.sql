-- CreateTable
CREATE TABLE "RunPoint" (
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "epoch" INTEGER NOT NULL,
    "loss" DOUBLE PRECISION NOT NULL,
    "valLoss" DOUBLE PRECISION,
    "valAuc" DOUBLE PRECISION,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunPoint_pkey" PRIMARY KEY ("runId","seq")
);

-- CreateTable
CREATE TABLE "RunLog" (
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "level" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "nodeId" TEXT,

    CONSTRAINT "RunLog_pkey" PRIMARY KEY ("runId","seq")
);

-- AddForeignKey
ALTER TABLE "RunPoint" ADD CONSTRAINT "RunPoint_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunLog" ADD CONSTRAINT "RunLog_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- MoveRunOutput (data): Run.progress version 1 held { progress, history, logs }. Its learning-curve points and
-- log lines become rows (seq = their position; points take the run's start as their time), and the column
-- keeps the latest progress as version 2, { v: 2, progress }. Rows already at version 2 are left alone.
INSERT INTO "RunPoint" ("runId", "seq", "step", "epoch", "loss", "valLoss", "valAuc", "at")
SELECT r."id", (p.ord - 1)::int, (p.value->>'step')::int, (p.value->>'epoch')::int,
       COALESCE((p.value->>'loss')::double precision, 0), (p.value->>'valLoss')::double precision,
       (p.value->>'valAuc')::double precision, COALESCE(r."startedAt", r."createdAt")
FROM "Run" r
CROSS JOIN LATERAL jsonb_array_elements(
  CASE WHEN jsonb_typeof(r."progress"->'history') = 'array' AND r."progress"->'v' IS NULL
       THEN r."progress"->'history' ELSE '[]'::jsonb END
) WITH ORDINALITY AS p(value, ord);

INSERT INTO "RunLog" ("runId", "seq", "at", "level", "message", "nodeId")
SELECT r."id", (l.ord - 1)::int,
       COALESCE(((l.value->>'at')::timestamptz AT TIME ZONE 'UTC')::timestamp(3), r."createdAt"),
       l.value->>'level', l.value->>'message', l.value->>'nodeId'
FROM "Run" r
CROSS JOIN LATERAL jsonb_array_elements(
  CASE WHEN jsonb_typeof(r."progress"->'logs') = 'array' AND r."progress"->'v' IS NULL
       THEN r."progress"->'logs' ELSE '[]'::jsonb END
) WITH ORDINALITY AS l(value, ord);

UPDATE "Run" SET "progress" = jsonb_build_object('v', 2, 'progress', "progress"->'progress')
WHERE jsonb_typeof("progress") = 'object' AND "progress"->'v' IS NULL;
