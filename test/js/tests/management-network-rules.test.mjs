// @azure/arm-keyvault changes a vault's network rules (properties.networkAcls, publicNetworkAccess) and
// @azure/keyvault-secrets, calling from 127.0.0.1, feels the firewall at once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { KeyVaultManagementClient } from "@azure/arm-keyvault";
import { SecretClient } from "@azure/keyvault-secrets";
import {
  credential,
  managementScope,
  managementUrl,
  resourceGroup,
  subscriptionId,
  uniqueName,
  vaultName,
  vaultUrl,
} from "../support/coffer.mjs";

const arm = new KeyVaultManagementClient(credential, subscriptionId, {
  endpoint: managementUrl,
  credentials: { scopes: [managementScope] },
});
const secrets = new SecretClient(vaultUrl, credential);

function denyExcept(...values) {
  return { properties: { networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: values.map((value) => ({ value })) } } };
}

const open = { properties: { publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Allow" } } };

test("vaults.get shows the default network settings", async () => {
  const vault = await arm.vaults.get(resourceGroup, vaultName);
  assert.equal(vault.properties.publicNetworkAccess, "Enabled");
  assert.equal(vault.properties.networkAcls.defaultAction, "Allow");
  assert.equal(vault.properties.networkAcls.bypass, "AzureServices");
  assert.deepEqual(vault.properties.networkAcls.ipRules, []);
  assert.deepEqual(vault.properties.networkAcls.virtualNetworkRules, []);
});

test("vaults.update with a rule for 127.0.0.1 keeps secrets readable from 127.0.0.1; a rule for 10.0.0.0/8 makes them 403", async () => {
  const name = uniqueName("fw");
  await secrets.setSecret(name, "behind-the-wall");
  try {
    const walled = await arm.vaults.update(resourceGroup, vaultName, denyExcept("127.0.0.1"));
    assert.equal(walled.properties.networkAcls.defaultAction, "Deny");
    assert.deepEqual(walled.properties.networkAcls.ipRules, [{ value: "127.0.0.1/32" }]);
    assert.equal((await secrets.getSecret(name)).value, "behind-the-wall");

    const elsewhere = await arm.vaults.update(resourceGroup, vaultName, denyExcept("10.0.0.0/8"));
    assert.deepEqual(elsewhere.properties.networkAcls.ipRules, [{ value: "10.0.0.0/8" }]);
    await assert.rejects(secrets.getSecret(name), (e) => {
      assert.equal(e.statusCode, 403);
      assert.equal(e.code, "Forbidden");
      assert.match(e.message, /^Client address is not authorized and caller is not a trusted service\.\r\nClient address: 127\.0\.0\.1\r\n/);
      assert.doesNotMatch(e.message, /behind-the-wall/);
      return true;
    });

    // Management is not behind the vault's firewall: the same caller opens it again.
    const reopened = await arm.vaults.update(resourceGroup, vaultName, open);
    assert.equal(reopened.properties.networkAcls.defaultAction, "Allow");
    assert.equal((await secrets.getSecret(name)).value, "behind-the-wall");
  } finally {
    await arm.vaults.update(resourceGroup, vaultName, open);
  }
});

test("vaults.update with publicNetworkAccess Disabled refuses even an address in the rules", async () => {
  try {
    const disabled = await arm.vaults.update(resourceGroup, vaultName, {
      properties: { publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny", ipRules: [{ value: "127.0.0.0/8" }] } },
    });
    assert.equal(disabled.properties.publicNetworkAccess, "Disabled");
    await assert.rejects(secrets.getSecret("anything"), (e) => {
      assert.equal(e.statusCode, 403);
      assert.equal(e.code, "Forbidden");
      assert.match(e.message, /^Public network access is disabled/);
      return true;
    });
  } finally {
    await arm.vaults.update(resourceGroup, vaultName, open);
  }
});

test("vaults.update with an invalid rule is a 400 naming it and changes nothing", async () => {
  const before = await arm.vaults.get(resourceGroup, vaultName);
  await assert.rejects(arm.vaults.update(resourceGroup, vaultName, denyExcept("203.0.113.0/24", "10.0.0.256")), (e) => {
    assert.equal(e.statusCode, 400);
    assert.equal(e.code, "BadRequest");
    assert.match(e.message, /ipRules\[1\]\.value: '10\.0\.0\.256'/);
    return true;
  });
  await assert.rejects(
    arm.vaults.update(resourceGroup, vaultName, {
      properties: { networkAcls: { defaultAction: "Deny", virtualNetworkRules: [{ id: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/v/subnets/s" }] } },
    }),
    (e) => e.statusCode === 400 && e.code === "BadRequest",
  );
  const after = await arm.vaults.get(resourceGroup, vaultName);
  assert.deepEqual(after.properties.networkAcls, before.properties.networkAcls);
  assert.equal(after.properties.publicNetworkAccess, before.properties.publicNetworkAccess);
});
