// Row and transaction types of the generated client, named once so services need not know where it lives.
export type {
  AuditEvent as AuditEventRow,
  Dataset as DatasetRow,
  GraphVersion as GraphVersionRow,
  Project as ProjectRow,
} from '../generated/sqlite/client.js';
import type { Prisma } from '../generated/sqlite/client.js';

/** A client inside `$transaction(async (tx) => …)`: what services write through so audit rows commit with the change. */
export type Tx = Prisma.TransactionClient;
/** JSON input for Json columns. */
export type JsonInput = Prisma.InputJsonValue;
