// The SQLite prediction-log writer's thread: the batches the event loop's connection found the database
// busy for (this thread waits for the lock, the event loop must not), and the checkpoints that copy the WAL
// back into the database (two syncs of the disk each), so the event loop that serves predictions never waits
// on them. Plain JavaScript, so the worker starts without a TypeScript loader.
// Messages in: {id, rows} (rows as LogRow arrays), {open: true}, {checkpoint: true} or {close: true}.
// Out: {id} or {id, error: {message, code}} for each {id, rows}.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const COLUMNS =
  '("id", "deploymentId", "slug", "version", "at", "requestId", "inputs", "output", "latencyMs")';

let db = null;
const statements = new Map();
const params = [];

function open() {
  // Waiting for a lock held by one of Prisma's transactions no longer stalls requests, so wait a while.
  if (!db) {
    db = new Database(workerData.filePath, { timeout: workerData.busyTimeoutMs, fileMustExist: true });
    // FULL (default): each commit's WAL is fsynced before the answer, so an answered row survives a power
    // loss too. NORMAL survives a killed process (kill -9) but not a power loss, for much less latency.
    db.pragma(`synchronous = ${workerData.synchronous}`);
  }
  return db;
}

function insert(rows) {
  const conn = open();
  let stmt = statements.get(rows.length);
  if (!stmt) {
    const values = Array.from({ length: rows.length }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    stmt = conn.prepare(`INSERT INTO "PredictionLog" ${COLUMNS} VALUES ${values}`);
    statements.set(rows.length, stmt);
  }
  params.length = 0;
  for (const r of rows)
    // The Date as @prisma/adapter-better-sqlite3 binds it (timestampFormat iso8601).
    params.push(r[0], r[1], r[2], r[3], r[4].toISOString().replace('Z', '+00:00'), r[5], r[6], r[7], r[8]);
  stmt.run(params);
}

parentPort.on('message', (msg) => {
  if (msg.close) {
    statements.clear();
    db?.close();
    db = null;
    parentPort.close();
    return;
  }
  if (msg.open) {
    try {
      open();
    } catch {
      // The first batch that needs this connection reports the error.
    }
    return;
  }
  if (msg.checkpoint) {
    try {
      // RESTART: copies the whole WAL back and waits until the next writer starts it over from the beginning
      // (a PASSIVE one, racing the event loop's writes, let the WAL grow without bound). Meanwhile the event
      // loop's connection finds the database busy and hands its batches here, where they wait their turn.
      open().pragma('wal_checkpoint(RESTART)');
    } catch {
      // A busy database checkpoints next time; nothing is lost by skipping one.
    }
    return;
  }
  try {
    insert(msg.rows);
    parentPort.postMessage({ id: msg.id });
  } catch (e) {
    parentPort.postMessage({
      id: msg.id,
      error: { message: String(e?.message ?? e), code: e?.code ?? null },
    });
  }
});
