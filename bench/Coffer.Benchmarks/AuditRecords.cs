using Coffer.Core.Audit;

namespace Coffer.Benchmarks;

/// <summary>The audit records the benchmarks write.</summary>
internal static class AuditRecords
{
    /// <summary>What an allowed secret GET records, not yet sealed.</summary>
    public static AuditRecord SecretGet() => new()
    {
        Time = DateTimeOffset.UtcNow,
        ResourceId = "/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11/resourceGroups/coffer/providers/Microsoft.KeyVault/vaults/dev",
        VaultName = "dev",
        OperationName = "SecretGet",
        OperationVersion = "2025-07-01",
        ResultType = "Success",
        ResultSignature = "OK",
        DurationMs = 0,
        CallerIpAddress = "127.0.0.1",
        CorrelationId = "8c0f7c2e-0d7e-4c55-9c39-0b1f2f0e1a01",
        Identity = new AuditIdentity("1f0e6d1c-5b4a-4e3d-9c2b-1a0f9e8d7c6b", "2a1b0c9d-8e7f-4a6b-9c5d-4e3f2a1b0c9d", null) { TenantId = "3b2c1d0e-9f8a-4b7c-8d6e-5f4a3b2c1d0e" },
        ClientInfo = "azsdk-net-Security.KeyVault.Secrets/4.8.0 (.NET 10.0.0; Debian GNU/Linux 12)",
        RequestUri = "https://dev.localhost:8443/secrets/bench?api-version=2025-07-01",
        HttpStatusCode = 200,
        ObjectUri = "https://dev.localhost:8443/secrets/bench/0123456789abcdef0123456789abcdef",
        Authorization = AuditAuthorization.Rbac,
    };
}
