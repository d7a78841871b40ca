import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { BundleSignatureStatus } from '@studio/api';
import { createOnce } from '../db/create-once';
import type { StudioPrisma } from '../db/prisma-client';

/** The archive entry holding the manifest's signature; not listed in the manifest it signs. */
export const SIGNATURE_FILE = 'bundle.sig';

export const bundleSignatureSchema = z.object({
  algorithm: z.literal('ed25519'),
  /** What the signing instance calls itself (unverified on its own: only a known key makes it so). */
  signer: z.string(),
  /** sha256 of the signer's public key (SPKI DER), hex. */
  keyId: z.string(),
  /** SPKI PEM of the signer's public key. */
  publicKey: z.string(),
  /** Ed25519 signature of the exact bytes of bundle.json, base64. */
  signature: z.string(),
});
export type BundleSignature = z.infer<typeof bundleSignatureSchema>;

/** This instance's signing identity. */
export interface InstanceSigner {
  name: string;
  keyId: string;
  publicKey: string;
  privateKey: string;
}

const KEY_ROW = 'instance';

function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

/**
 * The instance's Ed25519 key, made on first use and kept in the database (so every replica of one Studio
 * signs as the same instance). The name comes from STUDIO_INSTANCE_NAME, else the host name.
 */
export async function instanceSigner(prisma: StudioPrisma): Promise<InstanceSigner> {
  const row = await createOnce(
    () => prisma.instanceKey.findUnique({ where: { id: KEY_ROW } }),
    () => {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const name = process.env.STUDIO_INSTANCE_NAME?.trim() || `Studio on ${hostname()}`;
      return prisma.instanceKey.create({
        data: {
          id: KEY_ROW,
          name,
          publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        },
      });
    },
  );
  return {
    name: row.name,
    keyId: keyIdOf(row.publicKey),
    publicKey: row.publicKey,
    privateKey: row.privateKey,
  };
}

/** Signs the exact manifest bytes. */
export function signManifest(manifest: Buffer, signer: InstanceSigner): BundleSignature {
  return {
    algorithm: 'ed25519',
    signer: signer.name,
    keyId: signer.keyId,
    publicKey: signer.publicKey,
    signature: sign(null, manifest, createPrivateKey(signer.privateKey)).toString('base64'),
  };
}

/** What a bundle's signature says, in the words the import shows. */
export interface SignatureCheck {
  status: BundleSignatureStatus;
  /** The signer's name when it is this instance (trusted) or as the bundle claims it (unknown signer). */
  signer: string | null;
  message: string;
}

/**
 * Checks `bundle.sig` against the manifest bytes: "signed by <instance>, intact" when this instance's key
 * signed exactly this manifest; "unknown signer" when a valid signature comes from another key; "modified
 * since export" when the signature does not match the manifest (files or manifest edited, even with the
 * manifest's checksums recomputed); "unsigned" when there is no signature at all.
 */
export function checkSignature(
  manifest: Buffer,
  sigFile: Buffer | undefined,
  own: InstanceSigner,
): SignatureCheck {
  if (!sigFile)
    return {
      status: 'unsigned',
      signer: null,
      message: 'unsigned: this bundle carries no signature, so nothing in it can be vouched for',
    };
  let sig: BundleSignature;
  try {
    sig = bundleSignatureSchema.parse(JSON.parse(sigFile.toString('utf8')));
  } catch {
    return {
      status: 'modified',
      signer: null,
      message: 'modified since export: its signature file is damaged',
    };
  }
  let valid: boolean;
  try {
    valid = verify(null, manifest, createPublicKey(sig.publicKey), Buffer.from(sig.signature, 'base64'));
  } catch {
    valid = false;
  }
  const ours = (() => {
    try {
      return keyIdOf(sig.publicKey) === own.keyId;
    } catch {
      return false;
    }
  })();
  if (!valid)
    return {
      status: 'modified',
      signer: ours ? own.name : null,
      message: 'modified since export: the manifest no longer matches its signature',
    };
  if (!ours)
    return {
      status: 'unknown-signer',
      signer: sig.signer,
      message: `unknown signer: signed by a key this Studio does not know (it calls itself "${sig.signer}")`,
    };
  return { status: 'intact', signer: own.name, message: `signed by ${own.name}, intact` };
}
