// @azure/keyvault-keys KeyClient against Coffer: the whole key lifecycle, unchanged SDK.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { KeyClient } from "@azure/keyvault-keys";
import { credential, uniqueName, vaultUrl } from "../support/coffer.mjs";
import { privateFields, toVaultJwk } from "../support/jwk.mjs";

const client = new KeyClient(vaultUrl, credential);
const quick = { intervalInMs: 10 };

function assertPublicOnly(key) {
  for (const field of privateFields) {
    assert.equal(key.key[field], undefined, `${key.name} came back with private field '${field}'`);
  }
}

const rsaSizes = [2048, 3072, 4096];
for (const keySize of rsaSizes) {
  test(`createRsaKey ${keySize} returns the public key of that size and a versioned kid`, async () => {
    const name = uniqueName(`rsa${keySize}`);
    const key = await client.createRsaKey(name, { keySize });
    assert.equal(key.keyType, "RSA");
    assert.equal(key.key.n.length * 8, keySize);
    assert.deepEqual([...key.key.e], [1, 0, 1]);
    assert.match(key.id, new RegExp(`^${vaultUrl}/keys/${name}/[0-9a-f]{32}$`));
    assert.equal(key.key.kid, key.id);
    assertPublicOnly(key);
  });
}

for (const curve of ["P-256", "P-256K", "P-384", "P-521"]) {
  test(`createEcKey ${curve} returns a public point on that curve`, async () => {
    const key = await client.createEcKey(uniqueName("ec"), { curve });
    assert.equal(key.keyType, "EC");
    assert.equal(key.key.crv, curve);
    const size = { "P-256": 32, "P-256K": 32, "P-384": 48, "P-521": 66 }[curve];
    assert.equal(key.key.x.length, size);
    assert.equal(key.key.y.length, size);
    assertPublicOnly(key);
  });
}

for (const keySize of [128, 192, 256]) {
  test(`createOctKey ${keySize} never returns the key bytes`, async () => {
    const key = await client.createOctKey(uniqueName("oct"), { keySize });
    assert.equal(key.keyType, "oct");
    assert.equal(key.key.k, undefined);
    assertPublicOnly(key);
  });
}

test("-HSM key types are accepted and echoed as requested", async () => {
  const rsa = await client.createRsaKey(uniqueName("hsm"), { hsm: true });
  assert.equal(rsa.keyType, "RSA-HSM");
  const ec = await client.createEcKey(uniqueName("hsm"), { curve: "P-384", hsm: true });
  assert.equal(ec.keyType, "EC-HSM");
});

test("createKey with tags, key operations and dates round-trips through getKey", async () => {
  const name = uniqueName("signing");
  const expiresOn = new Date(Math.floor(Date.now() / 1000 + 180 * 86400) * 1000);
  const created = await client.createKey(name, "EC", { curve: "P-256", keyOps: ["sign", "verify"], tags: { app: "tokens" }, expiresOn });
  const got = await client.getKey(name);
  assert.equal(got.id, created.id);
  assert.deepEqual(got.keyOperations, ["sign", "verify"]);
  assert.deepEqual(got.properties.tags, { app: "tokens" });
  assert.equal(got.properties.expiresOn.getTime(), expiresOn.getTime());
  assert.equal(got.properties.enabled, true);
  assert.equal((await client.getKey(name, { version: created.properties.version })).id, created.id);
});

test("getKey of a missing key is 404 KeyNotFound", async () => {
  await assert.rejects(client.getKey(uniqueName("missing")), (e) => e.statusCode === 404 && e.code === "KeyNotFound");
});

test("importKey takes an RSA key with its private parts and returns only the public half", async () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = toVaultJwk(privateKey, ["sign", "verify"]);
  const name = uniqueName("imported");
  const key = await client.importKey(name, jwk);
  assert.deepEqual([...key.key.n], [...jwk.n]);
  assertPublicOnly(key);
});

test("importKey takes an EC P-256K key", async () => {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "secp256k1" });
  const key = await client.importKey(uniqueName("imported-ec"), toVaultJwk(privateKey, ["sign", "verify"]));
  assert.equal(key.key.crv, "P-256K");
  assertPublicOnly(key);
});

test("importKey without private parts is refused", async () => {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  await assert.rejects(client.importKey(uniqueName("public-only"), toVaultJwk(publicKey, ["verify"])), (e) => e.statusCode === 400);
});

test("updateKeyProperties changes key operations, tags and enabled on one version", async () => {
  const name = uniqueName("updated");
  const key = await client.createRsaKey(name);
  const updated = await client.updateKeyProperties(name, key.properties.version, { keyOps: ["verify"], tags: { owner: "team" }, enabled: false });
  assert.deepEqual(updated.keyOperations, ["verify"]);
  assert.deepEqual(updated.properties.tags, { owner: "team" });
  assert.equal(updated.properties.enabled, false);
  assert.equal(updated.id, key.id);
});

test("listPropertiesOfKeys and listPropertiesOfKeyVersions page 25 at a time", async () => {
  const prefix = uniqueName("paged");
  for (let i = 0; i < 26; i++) {
    await client.createOctKey(`${prefix}-${i}`, { keySize: 128 });
  }
  let pages = 0;
  const names = [];
  for await (const page of client.listPropertiesOfKeys().byPage({ maxPageSize: 25 })) {
    pages++;
    assert.ok(page.length <= 25);
    names.push(...page.map((p) => p.name).filter((n) => n.startsWith(prefix)));
  }
  assert.equal(names.length, 26);
  assert.ok(pages >= 2);

  const name = `${prefix}-0`;
  await client.createOctKey(name, { keySize: 128 });
  const versions = [];
  for await (const properties of client.listPropertiesOfKeyVersions(name)) {
    versions.push(properties.version);
  }
  assert.equal(new Set(versions).size, 2);
});

test("delete, get deleted, list deleted, recover, delete again and purge", async () => {
  const name = uniqueName("deleted");
  const key = await client.createEcKey(name);
  const deleted = await (await client.beginDeleteKey(name, quick)).pollUntilDone();
  assert.equal(deleted.name, name);
  assert.equal(deleted.properties.recoveryId, `${vaultUrl}/deletedkeys/${name}`);
  assert.ok(deleted.properties.deletedOn instanceof Date);
  assert.ok(deleted.properties.scheduledPurgeDate > deleted.properties.deletedOn);
  await assert.rejects(client.getKey(name), (e) => e.statusCode === 404 && e.code === "KeyNotFound");
  assert.equal((await client.getDeletedKey(name)).id, key.id);
  const listed = [];
  for await (const item of client.listDeletedKeys()) {
    listed.push(item.name);
  }
  assert.ok(listed.includes(name));

  await (await client.beginRecoverDeletedKey(name, quick)).pollUntilDone();
  assert.equal((await client.getKey(name)).id, key.id);

  await (await client.beginDeleteKey(name, quick)).pollUntilDone();
  await client.purgeDeletedKey(name);
  await assert.rejects(client.getDeletedKey(name), (e) => e.statusCode === 404);
});

test("backupKey, purge, restoreKeyBackup brings back the same key", async () => {
  const name = uniqueName("backed-up");
  const key = await client.createRsaKey(name);
  const backup = await client.backupKey(name);
  assert.ok(backup.length > 0);
  await (await client.beginDeleteKey(name, quick)).pollUntilDone();
  await client.purgeDeletedKey(name);
  const restored = await client.restoreKeyBackup(backup);
  assert.equal(restored.id, key.id);
  assert.deepEqual([...restored.key.n], [...key.key.n]);
});

test("rotateKey makes a new version with the same type and size", async () => {
  const name = uniqueName("rotated");
  const key = await client.createRsaKey(name, { keySize: 3072 });
  const rotated = await client.rotateKey(name);
  assert.notEqual(rotated.properties.version, key.properties.version);
  assert.equal(rotated.keyType, "RSA");
  assert.equal(rotated.key.n.length * 8, 3072);
  assert.equal((await client.getKey(name)).id, rotated.id);
});

test("updateKeyRotationPolicy then getKeyRotationPolicy returns the policy", async () => {
  const name = uniqueName("policy");
  await client.createEcKey(name);
  const policy = {
    lifetimeActions: [
      { action: "Rotate", timeAfterCreate: "P30D" },
      { action: "Notify", timeBeforeExpiry: "P7D" },
    ],
    expiresIn: "P90D",
  };
  const set = await client.updateKeyRotationPolicy(name, policy);
  assert.equal(set.id, `${vaultUrl}/keys/${name}/rotationpolicy`);
  const got = await client.getKeyRotationPolicy(name);
  assert.equal(got.expiresIn, "P90D");
  const actions = got.lifetimeActions.map((a) => `${a.action}:${a.timeAfterCreate ?? ""}:${a.timeBeforeExpiry ?? ""}`).sort();
  assert.deepEqual(actions, ["Notify::P7D", "Rotate:P30D:"]);
});

test("a rotation policy shorter than Key Vault's minimum is refused", async () => {
  const name = uniqueName("short-policy");
  await client.createEcKey(name);
  await assert.rejects(
    client.updateKeyRotationPolicy(name, { lifetimeActions: [{ action: "Rotate", timeAfterCreate: "P1D" }] }),
    (e) => e.statusCode === 400,
  );
});

test("getRandomBytes returns as many bytes as asked", async () => {
  const a = await client.getRandomBytes(32);
  const b = await client.getRandomBytes(32);
  assert.equal(a.length, 32);
  assert.notDeepEqual([...a], [...b]);
});
