using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

// With Azure this would be https://<vault-name>.vault.azure.net; with `coffer serve --dev`, https://dev.localhost:8443.
var vaultUrl = Environment.GetEnvironmentVariable("VAULT_URL") ?? throw new InvalidOperationException("Set VAULT_URL.");

var client = new SecretClient(new Uri(vaultUrl), new DefaultAzureCredential());

await client.SetSecretAsync("greeting", "Hello from Coffer");
KeyVaultSecret secret = await client.GetSecretAsync("greeting");
Console.WriteLine($"Your secret is '{secret.Value}'.");
