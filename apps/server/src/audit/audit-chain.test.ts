import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditVerification, Project } from '@studio/api';
import { openSqlConnection, type SqlConnection } from '../db/sql-connection';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';
import { chainHash, GENESIS_HASH } from './audit-chain';

describe.each(testProviders)('audit hash chain on %s', (provider) => {
  let t: TestApp;
  let conn: SqlConnection;

  beforeEach(async () => {
    t = await createTestApp(provider);
    conn = await openSqlConnection(t.db.target);
  });
  afterEach(async () => {
    await conn?.close();
    await t?.close();
  });

  const verify = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/audit/verify' });
    expect(res.statusCode).toBe(200);
    return json<AuditVerification>(res);
  };
  const events = async () =>
    json<AuditEvent[]>(await t.app.inject({ method: 'GET', url: '/api/audit?limit=500' })).reverse();
  const makeProjects = async (n: number) => {
    const made: Project[] = [];
    for (let i = 0; i < n; i++)
      made.push(
        json<Project>(
          await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: `P${i}` } }),
        ),
      );
    return made;
  };
  /** Tampering needs the database's own guard off: the test plays an attacker with direct SQL access. */
  const withoutGuard = async (sql: string) => {
    if (provider === 'postgresql') {
      await conn.exec('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"');
      await conn.exec(sql);
      await conn.exec('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"');
    } else {
      await conn.exec('DROP TRIGGER "AuditEvent_no_update"; DROP TRIGGER "AuditEvent_no_delete"');
      await conn.exec(sql);
    }
  };

  it('chains every event: seq 1…n, prevHash links, hash = sha256(canonical(event) ‖ prev)', async () => {
    await makeProjects(3);
    // Concurrent appends still form one chain (serialised by the advisory lock / the write transaction).
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: `C${i}` } }),
      ),
    );
    const all = await events();
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    let prev = GENESIS_HASH;
    for (const e of all) {
      expect(e.prevHash).toBe(prev);
      const row = await t.app.prisma.auditEvent.findUniqueOrThrow({ where: { id: e.id } });
      expect(e.hash).toBe(chainHash({ ...row, seq: row.seq! }, prev));
      prev = e.hash!;
    }
    const v = await verify();
    expect(v).toMatchObject({ ok: true, count: all.length, headHash: prev, firstBroken: null });
    expect(all.every((e) => e.summary.startsWith('Local analyst created a project'))).toBe(true);
  });

  it('the database refuses UPDATE and DELETE of audit rows', async () => {
    await makeProjects(1);
    await expect(conn.exec(`UPDATE "AuditEvent" SET "actorName" = 'Chief Risk Officer'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(conn.exec(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect((await verify()).ok).toBe(true);
  });

  it('a changed row: verify names the first changed event', async () => {
    await makeProjects(4);
    const all = await events();
    const target = all[2]!;
    await withoutGuard(
      `UPDATE "AuditEvent" SET "actorName" = 'Chief Risk Officer' WHERE "id" = '${target.id}'`,
    );
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toMatchObject({ seq: target.seq, eventId: target.id, reason: 'hash-mismatch' });
    expect(v.firstBroken!.message).toContain(`event #${target.seq}`);
  });

  it('a row whose hash was recomputed by the forger: the next event no longer follows it', async () => {
    await makeProjects(4);
    const all = await events();
    const target = all[1]!;
    const row = await t.app.prisma.auditEvent.findUniqueOrThrow({ where: { id: target.id } });
    const forged = chainHash({ ...row, seq: row.seq!, actorName: 'Chief Risk Officer' }, row.prevHash!);
    await withoutGuard(
      `UPDATE "AuditEvent" SET "actorName" = 'Chief Risk Officer', "hash" = '${forged}' WHERE "id" = '${target.id}'`,
    );
    const v = await verify();
    expect(v.firstBroken).toMatchObject({
      seq: all[2]!.seq,
      eventId: all[2]!.id,
      reason: 'prev-hash-mismatch',
    });
  });

  it('a deleted row: verify names the gap', async () => {
    await makeProjects(4);
    const all = await events();
    await withoutGuard(`DELETE FROM "AuditEvent" WHERE "id" = '${all[1]!.id}'`);
    const v = await verify();
    expect(v.firstBroken).toMatchObject({ seq: 2, eventId: all[2]!.id, reason: 'missing-event' });
    expect(v.firstBroken!.message).toContain('event #2 is missing');
  });

  it('a row inserted around the chain is reported as unchained', async () => {
    await makeProjects(1);
    await conn.exec(
      `INSERT INTO "AuditEvent" ("id", "at", "actorId", "actorName", "action", "targetType", "targetId", "changes") ` +
        `VALUES ('forged', CURRENT_TIMESTAMP, 'cro', 'Chief Risk Officer', 'deployment.approve', 'deployment', 'x', '[]')`,
    );
    const v = await verify();
    expect(v.firstBroken).toMatchObject({ eventId: 'forged', reason: 'unchained' });
  });

  it('exports a time range as JSON Lines and CSV, in chain order', async () => {
    await makeProjects(2);
    await new Promise((r) => setTimeout(r, 15));
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 15));
    await makeProjects(3);
    const jsonl = await t.app.inject({ method: 'GET', url: '/api/audit/export?format=jsonl' });
    expect(jsonl.statusCode).toBe(200);
    expect(jsonl.headers['content-disposition']).toMatch(/attachment; filename="studio-audit-.*\.jsonl"/);
    const lines = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEvent);
    expect(lines.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const later = await t.app.inject({
      method: 'GET',
      url: `/api/audit/export?format=jsonl&from=${between}`,
    });
    expect(later.body.trim().split('\n')).toHaveLength(3);
    const csv = await t.app.inject({ method: 'GET', url: `/api/audit/export?format=csv&to=${between}` });
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.body.trim().split('\r\n');
    expect(rows[0]).toBe(
      'seq,at,actorId,actorName,action,targetType,targetId,projectId,summary,changes,beforeHash,afterHash,prevHash,hash',
    );
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain('Local analyst created a project');
  });

  it('seals events written before the chain existed, once, at start', async () => {
    await makeProjects(1);
    await conn.exec(
      `INSERT INTO "AuditEvent" ("id", "at", "actorId", "actorName", "action", "targetType", "targetId", "changes") ` +
        `VALUES ('legacy', CURRENT_TIMESTAMP, 'local', 'Local analyst', 'project.update', 'project', 'x', '["renamed"]')`,
    );
    expect(await t.app.audit.sealLegacy()).toBe(1);
    expect(await t.app.audit.sealLegacy()).toBe(0);
    const v = await verify();
    expect(v).toMatchObject({ ok: true, count: 2 });
    await expect(
      conn.exec(`UPDATE "AuditEvent" SET "actorName" = 'x' WHERE "id" = 'legacy'`),
    ).rejects.toThrow(/append-only/);
  });
});
