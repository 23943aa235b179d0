// @azure/keyvault-secrets against Coffer: the calls a Node application makes, unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SecretClient } from "@azure/keyvault-secrets";
import { credential, uniqueName, vaultUrl } from "../support/coffer.mjs";

const client = new SecretClient(vaultUrl, credential);

test("setSecret then getSecret returns the value and a versioned id on the vault host", async () => {
  const name = uniqueName("db-password");
  const set = await client.setSecret(name, "s3cr3t", { contentType: "text/plain", tags: { env: "ci" } });
  const got = await client.getSecret(name);
  assert.equal(got.value, "s3cr3t");
  assert.equal(got.properties.version, set.properties.version);
  assert.equal(got.properties.contentType, "text/plain");
  assert.deepEqual(got.properties.tags, { env: "ci" });
  assert.match(got.properties.id, new RegExp(`^${vaultUrl}/secrets/${name}/[0-9a-f]{32}$`));
});

test("listPropertiesOfSecrets pages through more than one page", async () => {
  const prefix = uniqueName("page");
  for (let i = 0; i < 27; i++) {
    await client.setSecret(`${prefix}-${i}`, `v${i}`);
  }
  const names = [];
  for await (const page of client.listPropertiesOfSecrets().byPage({ maxPageSize: 25 })) {
    assert.ok(page.length <= 25);
    names.push(...page.map((p) => p.name).filter((n) => n.startsWith(prefix)));
  }
  assert.equal(names.length, 27);
});

test("beginDeleteSecret, recover and purge follow soft delete", async () => {
  const name = uniqueName("rotating");
  await client.setSecret(name, "v1");
  const deleting = await client.beginDeleteSecret(name, { intervalInMs: 10 });
  const deleted = await deleting.pollUntilDone();
  assert.equal(deleted.name, name);
  assert.ok(deleted.recoveryId.endsWith(`/deletedsecrets/${name}`));
  await assert.rejects(client.getSecret(name), (e) => e.statusCode === 404 && e.code === "SecretNotFound");

  const recovering = await client.beginRecoverDeletedSecret(name, { intervalInMs: 10 });
  await recovering.pollUntilDone();
  assert.equal((await client.getSecret(name)).value, "v1");

  await (await client.beginDeleteSecret(name, { intervalInMs: 10 })).pollUntilDone();
  await client.purgeDeletedSecret(name);
  await assert.rejects(client.getDeletedSecret(name), (e) => e.statusCode === 404);
});
