// The server a test file runs against, handed over by test/Coffer.Compat.Tests/JavaScript/NodeTestRunner.cs
// through the environment: a fresh Coffer with a vault "jsvault" in resource group "coffer".
import { randomBytes } from "node:crypto";
import { ClientSecretCredential } from "@azure/identity";

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the JavaScript tests through test/Coffer.Compat.Tests (see test/js/README.md).`);
  }
  return value;
}

export const managementUrl = required("COFFER_MANAGEMENT_URL");
export const managementScope = `${managementUrl}/.default`;
export const vaultUrl = required("COFFER_VAULT_URL");
export const vaultName = "jsvault";
export const resourceGroup = "coffer";
export const tenantId = required("COFFER_TENANT_ID");
export const subscriptionId = required("COFFER_SUBSCRIPTION_ID");

/** The bootstrap administrator (Owner and Key Vault Administrator at "/"), signed in against Coffer's token service. */
export const credential = new ClientSecretCredential(tenantId, required("COFFER_CLIENT_ID"), required("COFFER_CLIENT_SECRET"), {
  authorityHost: managementUrl,
  disableInstanceDiscovery: true,
});

/** A name no other test uses: Key Vault names allow letters, digits and hyphens. */
export function uniqueName(prefix) {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}
