// @azure/arm-keyvault against Coffer's management API: the vault lifecycle a deployment script drives, unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { KeyVaultManagementClient } from "@azure/arm-keyvault";
import { SecretClient } from "@azure/keyvault-secrets";
import { credential, managementScope, managementUrl, resourceGroup, subscriptionId, tenantId, uniqueName } from "../support/coffer.mjs";

const client = new KeyVaultManagementClient(credential, subscriptionId, {
  endpoint: managementUrl,
  credentials: { scopes: [managementScope] },
});

const pollFast = { updateIntervalInMs: 10 };

function vaultParameters(extra = {}) {
  return {
    location: "local",
    properties: { tenantId, sku: { family: "A", name: "standard" }, ...extra },
  };
}

test("create with 7-day retention and purge protection, get, update tags, delete, list and get deleted, recover with secrets intact", async () => {
  const name = uniqueName("life");
  const created = await client.vaults.beginCreateOrUpdateAndWait(
    resourceGroup,
    name,
    vaultParameters({ softDeleteRetentionInDays: 7, enablePurgeProtection: true, enableRbacAuthorization: true }),
    pollFast,
  );
  assert.equal(created.name, name);
  assert.equal(created.type, "Microsoft.KeyVault/vaults");
  assert.equal(created.id, `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.KeyVault/vaults/${name}`);
  assert.equal(created.properties.softDeleteRetentionInDays, 7);
  assert.equal(created.properties.enablePurgeProtection, true);
  assert.equal(created.properties.enableSoftDelete, true);
  assert.equal(created.properties.provisioningState, "Succeeded");

  const got = await client.vaults.get(resourceGroup, name);
  assert.equal(got.properties.vaultUri, `https://${name}.${new URL(managementUrl).host}/`);

  const updated = await client.vaults.update(resourceGroup, name, { tags: { owner: "payments" } });
  assert.deepEqual(updated.tags, { owner: "payments" });
  assert.equal(updated.properties.softDeleteRetentionInDays, 7);

  const secrets = new SecretClient(got.properties.vaultUri, credential);
  await secrets.setSecret("api-key", "key-material-123");

  await client.vaults.delete(resourceGroup, name);
  await assert.rejects(client.vaults.get(resourceGroup, name), (e) => e.statusCode === 404);
  await assert.rejects(secrets.getSecret("api-key"), (e) => e.statusCode === 404 && e.code === "VaultNotFound");

  const listed = [];
  for await (const deleted of client.vaults.listDeleted()) {
    listed.push(deleted.name);
  }
  assert.ok(listed.includes(name), `listDeleted should include ${name}: ${listed.join(", ")}`);

  const deleted = await client.vaults.getDeleted(name, "local");
  assert.equal(deleted.type, "Microsoft.KeyVault/deletedVaults");
  assert.equal(deleted.properties.vaultId, created.id);
  assert.equal(deleted.properties.purgeProtectionEnabled, true);
  assert.deepEqual(deleted.properties.tags, { owner: "payments" });
  assert.ok(deleted.properties.deletionDate instanceof Date);
  assert.equal(deleted.properties.scheduledPurgeDate - deleted.properties.deletionDate, 7 * 24 * 3600 * 1000);

  await assert.rejects(
    client.vaults.beginCreateOrUpdateAndWait(resourceGroup, name, vaultParameters(), pollFast),
    (e) => e.statusCode === 409 && e.code === "ConflictError",
  );

  const recovered = await client.vaults.beginCreateOrUpdateAndWait(resourceGroup, name, vaultParameters({ createMode: "recover" }), pollFast);
  assert.equal(recovered.properties.softDeleteRetentionInDays, 7);
  assert.equal((await secrets.getSecret("api-key")).value, "key-material-123");
});

test("purge is refused while purge protection holds the deleted vault, and allowed without it", async () => {
  const guarded = uniqueName("guard");
  await client.vaults.beginCreateOrUpdateAndWait(resourceGroup, guarded, vaultParameters({ softDeleteRetentionInDays: 7, enablePurgeProtection: true }), pollFast);
  await client.vaults.delete(resourceGroup, guarded);
  await assert.rejects(
    client.vaults.beginPurgeDeletedAndWait(guarded, "local", pollFast),
    (e) => e.statusCode === 405 && e.code === "MethodNotAllowed" && e.message === "Operation 'DeletedVaultPurge' is not allowed.",
  );
  assert.equal((await client.vaults.getDeleted(guarded, "local")).name, guarded);

  const scratch = uniqueName("scratch");
  await client.vaults.beginCreateOrUpdateAndWait(resourceGroup, scratch, vaultParameters({ softDeleteRetentionInDays: 7 }), pollFast);
  await client.vaults.delete(resourceGroup, scratch);
  await client.vaults.beginPurgeDeletedAndWait(scratch, "local", pollFast);
  await assert.rejects(client.vaults.getDeleted(scratch, "local"), (e) => e.statusCode === 404);
  const again = await client.vaults.beginCreateOrUpdateAndWait(resourceGroup, scratch, vaultParameters(), pollFast);
  assert.equal(again.properties.softDeleteRetentionInDays, 90);
});

test("retention is fixed once set and purge protection cannot be turned off", async () => {
  const name = uniqueName("fixed");
  await client.vaults.beginCreateOrUpdateAndWait(resourceGroup, name, vaultParameters({ softDeleteRetentionInDays: 7, enablePurgeProtection: true }), pollFast);
  await assert.rejects(
    client.vaults.update(resourceGroup, name, { properties: { softDeleteRetentionInDays: 30 } }),
    (e) => e.statusCode === 400 && /softDeleteRetentionInDays/.test(e.message),
  );
  await assert.rejects(
    client.vaults.update(resourceGroup, name, { properties: { enablePurgeProtection: false } }),
    (e) => e.statusCode === 400 && /enablePurgeProtection/.test(e.message),
  );
  assert.equal((await client.vaults.get(resourceGroup, name)).properties.softDeleteRetentionInDays, 7);
});
