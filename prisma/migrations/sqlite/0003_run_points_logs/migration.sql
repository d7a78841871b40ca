-- CreateTable
CREATE TABLE "RunPoint" (
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "epoch" INTEGER NOT NULL,
    "loss" REAL NOT NULL,
    "valLoss" REAL,
    "valAuc" REAL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("runId", "seq"),
    CONSTRAINT "RunPoint_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunLog" (
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "level" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "nodeId" TEXT,

    PRIMARY KEY ("runId", "seq"),
    CONSTRAINT "RunLog_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- MoveRunOutput (data): Run.progress version 1 held { progress, history, logs }. Its learning-curve points and
-- log lines become rows (seq = their position; points take the run's start as their time), and the column
-- keeps the latest progress as version 2, { v: 2, progress }. Rows already at version 2 are left alone.
INSERT INTO "RunPoint" ("runId", "seq", "step", "epoch", "loss", "valLoss", "valAuc", "at")
SELECT r."id", p."key", json_extract(p."value", '$.step'), json_extract(p."value", '$.epoch'),
       COALESCE(json_extract(p."value", '$.loss'), 0), json_extract(p."value", '$.valLoss'),
       json_extract(p."value", '$.valAuc'), COALESCE(r."startedAt", r."createdAt")
FROM "Run" r,
     json_each(CASE WHEN json_type(r."progress", '$.history') = 'array' AND json_type(r."progress", '$.v') IS NULL
                    THEN json_extract(r."progress", '$.history') ELSE '[]' END) p;

INSERT INTO "RunLog" ("runId", "seq", "at", "level", "message", "nodeId")
SELECT r."id", l."key",
       COALESCE(strftime('%Y-%m-%dT%H:%M:%f+00:00', json_extract(l."value", '$.at')), r."createdAt"),
       json_extract(l."value", '$.level'), json_extract(l."value", '$.message'), json_extract(l."value", '$.nodeId')
FROM "Run" r,
     json_each(CASE WHEN json_type(r."progress", '$.logs') = 'array' AND json_type(r."progress", '$.v') IS NULL
                    THEN json_extract(r."progress", '$.logs') ELSE '[]' END) l;

UPDATE "Run" SET "progress" = json_object('v', 2, 'progress', "progress" -> '$.progress')
WHERE json_type("progress") = 'object' AND json_type("progress", '$.v') IS NULL;
