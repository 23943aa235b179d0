// @azure/keyvault-keys CryptographyClient against keys held by Coffer, every algorithm, with each result
// cross-checked by node:crypto: what Coffer signs verifies locally, what Node encrypts or wraps Coffer decrypts or
// unwraps, and (for imported keys, whose private half the test knows) what Coffer encrypts Node decrypts.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  sign as nodeSign,
  verify as nodeVerify,
} from "node:crypto";
import { CryptographyClient, KeyClient } from "@azure/keyvault-keys";
import { credential, uniqueName, vaultUrl } from "../support/coffer.mjs";
import { publicKeyOf, toVaultJwk } from "../support/jwk.mjs";

const keys = new KeyClient(vaultUrl, credential);
const cryptoFor = (key) => new CryptographyClient(key.id, credential);
const allOps = ["encrypt", "decrypt", "wrapKey", "unwrapKey", "sign", "verify"];

const rsaOaep = {
  "RSA1_5": { padding: constants.RSA_PKCS1_PADDING },
  "RSA-OAEP": { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" },
  "RSA-OAEP-256": { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" },
};

// An RSA key created by Coffer, and one imported with a private half this test knows.
const rsaKey = await keys.createRsaKey(uniqueName("rsa"), { keySize: 2048 });
const rsaLocal = generateKeyPairSync("rsa", { modulusLength: 2048 });
const rsaImported = await keys.importKey(uniqueName("rsa-imported"), toVaultJwk(rsaLocal.privateKey, allOps));

for (const [algorithm, padding] of Object.entries(rsaOaep)) {
  test(`${algorithm}: Node encrypts with the public key, Coffer decrypts`, async () => {
    const plaintext = randomBytes(32);
    const ciphertext = publicEncrypt({ key: publicKeyOf(rsaKey), ...padding }, plaintext);
    const { result } = await cryptoFor(rsaKey).decrypt({ algorithm, ciphertext });
    assert.deepEqual(Buffer.from(result), plaintext);
  });

  test(`${algorithm}: the SDK encrypts, Coffer decrypts`, async () => {
    const client = cryptoFor(rsaKey);
    const plaintext = Buffer.from("device activation key");
    const encrypted = await client.encrypt({ algorithm, plaintext });
    const { result } = await client.decrypt({ algorithm, ciphertext: encrypted.result });
    assert.deepEqual(Buffer.from(result), plaintext);
  });

  test(`${algorithm}: Node wraps a key with the public key, Coffer unwraps it`, async () => {
    const dataKey = randomBytes(32);
    const wrapped = publicEncrypt({ key: publicKeyOf(rsaKey), ...padding }, dataKey);
    const { result } = await cryptoFor(rsaKey).unwrapKey(algorithm, wrapped);
    assert.deepEqual(Buffer.from(result), dataKey);
  });

  test(`${algorithm}: the SDK wraps, Coffer unwraps`, async () => {
    const client = cryptoFor(rsaKey);
    const dataKey = randomBytes(32);
    const wrapped = await client.wrapKey(algorithm, dataKey);
    const { result } = await client.unwrapKey(algorithm, wrapped.result);
    assert.deepEqual(Buffer.from(result), dataKey);
  });
}

test("RSA-OAEP-256 encrypt and wrapKey on Coffer produce what Node decrypts with the imported private key", async () => {
  // The SDK does RSA1_5 and RSA-OAEP locally but sends RSA-OAEP-256 to the service.
  const client = cryptoFor(rsaImported);
  const plaintext = randomBytes(48);
  const encrypted = await client.encrypt({ algorithm: "RSA-OAEP-256", plaintext });
  assert.deepEqual(privateDecrypt({ key: rsaLocal.privateKey, ...rsaOaep["RSA-OAEP-256"] }, encrypted.result), plaintext);
  const wrapped = await client.wrapKey("RSA-OAEP-256", plaintext);
  assert.deepEqual(privateDecrypt({ key: rsaLocal.privateKey, ...rsaOaep["RSA-OAEP-256"] }, wrapped.result), plaintext);
});

test("RSA plaintext longer than the key allows is refused with 400", async () => {
  await assert.rejects(
    cryptoFor(rsaImported).encrypt({ algorithm: "RSA-OAEP-256", plaintext: randomBytes(300) }),
    (e) => e.statusCode === 400,
  );
});

const rsaSignatures = {
  RS256: { hash: "sha256", padding: constants.RSA_PKCS1_PADDING },
  RS384: { hash: "sha384", padding: constants.RSA_PKCS1_PADDING },
  RS512: { hash: "sha512", padding: constants.RSA_PKCS1_PADDING },
  PS256: { hash: "sha256", padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
  PS384: { hash: "sha384", padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 },
  PS512: { hash: "sha512", padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 },
};

for (const [algorithm, { hash, ...options }] of Object.entries(rsaSignatures)) {
  test(`${algorithm}: Coffer signs a digest, Node verifies; Coffer verifies and rejects a tampered digest`, async () => {
    const client = cryptoFor(rsaKey);
    const data = Buffer.from(`token payload for ${algorithm}`);
    const digest = createHash(hash).update(data).digest();
    const { result: signature } = await client.sign(algorithm, digest);
    assert.ok(nodeVerify(hash, data, { key: publicKeyOf(rsaKey), ...options }, signature));
    assert.equal((await client.verify(algorithm, digest, signature)).result, true);
    const tampered = createHash(hash).update("other payload").digest();
    assert.equal((await client.verify(algorithm, tampered, signature)).result, false);
  });

  test(`${algorithm}: Node signs with the imported private key, Coffer verifies`, async () => {
    const data = Buffer.from(`signed by node with ${algorithm}`);
    const signature = nodeSign(hash, data, { key: rsaLocal.privateKey, ...options });
    const digest = createHash(hash).update(data).digest();
    assert.equal((await cryptoFor(rsaImported).verify(algorithm, digest, signature)).result, true);
  });
}

const ecSignatures = {
  ES256: { curve: "P-256", nodeCurve: "P-256", hash: "sha256" },
  ES256K: { curve: "P-256K", nodeCurve: "secp256k1", hash: "sha256" },
  ES384: { curve: "P-384", nodeCurve: "P-384", hash: "sha384" },
  ES512: { curve: "P-521", nodeCurve: "P-521", hash: "sha512" },
};

for (const [algorithm, { curve, nodeCurve, hash }] of Object.entries(ecSignatures)) {
  test(`${algorithm}: Coffer signs (raw R||S), Node verifies; Coffer verifies Node's signature`, async () => {
    const key = await keys.createEcKey(uniqueName("ec"), { curve });
    const client = cryptoFor(key);
    const data = Buffer.from(`payload for ${algorithm}`);
    const digest = createHash(hash).update(data).digest();
    const { result: signature } = await client.sign(algorithm, digest);
    assert.ok(nodeVerify(hash, data, { key: publicKeyOf(key), dsaEncoding: "ieee-p1363" }, signature));
    assert.equal((await client.verify(algorithm, digest, signature)).result, true);

    const local = generateKeyPairSync("ec", { namedCurve: nodeCurve });
    const imported = await keys.importKey(uniqueName("ec-imported"), toVaultJwk(local.privateKey, ["sign", "verify"]));
    const nodeSignature = nodeSign(hash, data, { key: local.privateKey, dsaEncoding: "ieee-p1363" });
    assert.equal((await cryptoFor(imported).verify(algorithm, digest, nodeSignature)).result, true);
  });
}

test("a digest of the wrong length for the algorithm is refused with 400", async () => {
  await assert.rejects(cryptoFor(rsaKey).sign("RS256", randomBytes(20)), (e) => e.statusCode === 400);
});

test("an algorithm of another key type is refused with 400", async () => {
  const ec = await keys.createEcKey(uniqueName("ec-wrong-alg"), { curve: "P-256" });
  await assert.rejects(cryptoFor(ec).sign("ES384", randomBytes(48)), (e) => e.statusCode === 400);
});

// Symmetric keys are imported so the test knows k and can check Coffer's output with node:crypto.
for (const bits of [128, 192, 256]) {
  const k = randomBytes(bits / 8);
  const octKey = keys.importKey(uniqueName(`oct${bits}`), { kty: "oct", k: new Uint8Array(k), keyOps: allOps });

  test(`A${bits}GCM: Coffer encrypts, Node decrypts; Node encrypts, Coffer decrypts`, async () => {
    const client = cryptoFor(await octKey);
    const algorithm = `A${bits}GCM`;
    const plaintext = Buffer.from("customer-managed data key");
    const aad = Buffer.from("header");
    const encrypted = await client.encrypt({ algorithm, plaintext, additionalAuthenticatedData: aad });
    assert.equal(encrypted.iv.length, 12);
    assert.equal(encrypted.authenticationTag.length, 16);
    const decipher = createDecipheriv(`aes-${bits}-gcm`, k, encrypted.iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(encrypted.authenticationTag));
    assert.deepEqual(Buffer.concat([decipher.update(encrypted.result), decipher.final()]), plaintext);

    const iv = randomBytes(12);
    const cipher = createCipheriv(`aes-${bits}-gcm`, k, iv);
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const { result } = await client.decrypt({ algorithm, ciphertext, iv, authenticationTag: cipher.getAuthTag(), additionalAuthenticatedData: aad });
    assert.deepEqual(Buffer.from(result), plaintext);
  });

  test(`A${bits}GCM: a tampered tag is refused with 400`, async () => {
    const client = cryptoFor(await octKey);
    const encrypted = await client.encrypt({ algorithm: `A${bits}GCM`, plaintext: Buffer.from("x") });
    const tag = Buffer.from(encrypted.authenticationTag);
    tag[0] ^= 1;
    await assert.rejects(
      client.decrypt({ algorithm: `A${bits}GCM`, ciphertext: encrypted.result, iv: encrypted.iv, authenticationTag: tag }),
      (e) => e.statusCode === 400,
    );
  });

  for (const [suffix, padded] of [["CBC", false], ["CBCPAD", true]]) {
    test(`A${bits}${suffix}: Coffer encrypts, Node decrypts; Node encrypts, Coffer decrypts`, async () => {
      const client = cryptoFor(await octKey);
      const algorithm = `A${bits}${suffix}`;
      const plaintext = padded ? Buffer.from("not a multiple of sixteen") : randomBytes(32);
      const iv = randomBytes(16);
      const encrypted = await client.encrypt({ algorithm, plaintext, iv });
      const decipher = createDecipheriv(`aes-${bits}-cbc`, k, iv).setAutoPadding(padded);
      assert.deepEqual(Buffer.concat([decipher.update(encrypted.result), decipher.final()]), plaintext);

      const cipher = createCipheriv(`aes-${bits}-cbc`, k, iv).setAutoPadding(padded);
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      const { result } = await client.decrypt({ algorithm, ciphertext, iv });
      assert.deepEqual(Buffer.from(result), plaintext);
    });
  }

  test(`A${bits}KW: Coffer wraps as RFC 3394, Node unwraps; Node wraps, Coffer unwraps`, async () => {
    const client = cryptoFor(await octKey);
    const algorithm = `A${bits}KW`;
    const dataKey = randomBytes(32);
    const defaultIv = Buffer.from("A6A6A6A6A6A6A6A6", "hex");
    const wrapped = await client.wrapKey(algorithm, dataKey);
    const unwrapper = createDecipheriv(`id-aes${bits}-wrap`, k, defaultIv);
    assert.deepEqual(Buffer.concat([unwrapper.update(wrapped.result), unwrapper.final()]), dataKey);

    const wrapper = createCipheriv(`id-aes${bits}-wrap`, k, defaultIv);
    const nodeWrapped = Buffer.concat([wrapper.update(dataKey), wrapper.final()]);
    const { result } = await client.unwrapKey(algorithm, nodeWrapped);
    assert.deepEqual(Buffer.from(result), dataKey);
  });
}

test("Coffer enforces key_ops itself: a client holding a stale key cannot sign after sign is removed", async () => {
  const name = uniqueName("ops");
  const key = await keys.createEcKey(name, { curve: "P-256", keyOps: ["sign", "verify"] });
  const client = cryptoFor(key);
  await client.sign("ES256", randomBytes(32)); // the client now holds the key with "sign" in its key_ops
  await keys.updateKeyProperties(name, key.properties.version, { keyOps: ["verify"] });
  await assert.rejects(client.sign("ES256", randomBytes(32)), (e) => e.statusCode === 403 && e.code === "Forbidden");
});

test("a disabled key refuses operations", async () => {
  const name = uniqueName("disabled");
  const key = await keys.createEcKey(name, { curve: "P-256" });
  const client = cryptoFor(key);
  await client.sign("ES256", randomBytes(32));
  await keys.updateKeyProperties(name, key.properties.version, { enabled: false });
  await assert.rejects(client.sign("ES256", randomBytes(32)), (e) => e.statusCode === 403);
});

test("the server's key cache: every write of a key just used is seen by the next operation", async () => {
  // Each step reads or signs with what the server has just cached (the latest, or a version), then writes, then
  // checks that the very next read or operation sees the write.
  const name = uniqueName("cached");
  const first = await keys.createEcKey(name, { curve: "P-256" });
  const digest = randomBytes(32);
  assert.equal((await keys.getKey(name)).id, first.id);
  await cryptoFor(first).sign("ES256", digest);

  const rotated = await keys.rotateKey(name);
  assert.equal((await keys.getKey(name)).id, rotated.id);
  await cryptoFor(rotated).sign("ES256", digest);

  await keys.updateKeyProperties(name, rotated.properties.version, { tags: { stage: "changed" } });
  assert.deepEqual((await keys.getKey(name)).properties.tags, { stage: "changed" });

  const backup = await keys.backupKey(name);
  await (await keys.beginDeleteKey(name, { intervalInMs: 10 })).pollUntilDone();
  await assert.rejects(cryptoFor(rotated).sign("ES256", digest), (e) => e.statusCode === 404);
  await (await keys.beginRecoverDeletedKey(name, { intervalInMs: 10 })).pollUntilDone();
  await cryptoFor(rotated).sign("ES256", digest);

  await (await keys.beginDeleteKey(name, { intervalInMs: 10 })).pollUntilDone();
  await keys.purgeDeletedKey(name);
  await keys.restoreKeyBackup(backup);
  assert.equal((await keys.getKey(name)).id, rotated.id);
  await keys.updateKeyProperties(name, first.properties.version, { enabled: false });
  await assert.rejects(cryptoFor(first).sign("ES256", digest), (e) => e.statusCode === 403);
});
