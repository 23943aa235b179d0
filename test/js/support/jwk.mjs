// Conversions between the Azure SDK's JsonWebKey (byte arrays) and Node's JWK (base64url strings), so keys made
// or checked with node:crypto can cross-check what Coffer does.
import { createPublicKey } from "node:crypto";

const b64u = (bytes) => Buffer.from(bytes).toString("base64url");
const bytes = (text) => new Uint8Array(Buffer.from(text, "base64url"));
const nodeCurves = { "P-256": "P-256", "P-256K": "secp256k1", "P-384": "P-384", "P-521": "P-521" };
const vaultCurves = Object.fromEntries(Object.entries(nodeCurves).map(([k, v]) => [v, k]));

/** The public half of a key Coffer returned, as a node:crypto KeyObject. */
export function publicKeyOf(vaultKey) {
  const jwk = vaultKey.key;
  if (jwk.kty.startsWith("RSA")) {
    return createPublicKey({ key: { kty: "RSA", n: b64u(jwk.n), e: b64u(jwk.e) }, format: "jwk" });
  }
  return createPublicKey({ key: { kty: "EC", crv: nodeCurves[jwk.crv], x: b64u(jwk.x), y: b64u(jwk.y) }, format: "jwk" });
}

/** A node:crypto private KeyObject as the SDK's JsonWebKey, private parts included, for importKey. */
export function toVaultJwk(privateKey, keyOps) {
  const jwk = privateKey.export({ format: "jwk" });
  const out = { kty: jwk.kty, keyOps };
  for (const field of ["n", "e", "d", "dp", "dq", "qi", "p", "q", "x", "y", "k"]) {
    if (jwk[field] !== undefined) {
      out[field] = bytes(jwk[field]);
    }
  }
  if (jwk.crv) {
    out.crv = vaultCurves[jwk.crv];
  }
  return out;
}

export const privateFields = ["d", "dp", "dq", "qi", "p", "q", "k"];
