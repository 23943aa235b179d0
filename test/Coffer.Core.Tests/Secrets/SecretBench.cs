using Coffer.Core.KeyRing;
using Coffer.Core.Secrets;
using Coffer.Core.Tests.Abstractions;
using Coffer.Core.Vaults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Core.Tests.Secrets;

/// <summary>One Coffer deployment in memory: a root key, its key ring and backup protector, and a secret service.</summary>
internal sealed class SecretBench : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);

    public SecretBench()
    {
        RootKey = new RootKey(RootKey.Generate(), "test");
        KeyRing = new VaultKeyRing(RootKey, DataKeys, Time);
        Service = new SecretService(Store, KeyRing, new BackupProtector(RootKey), Time, NullLogger<SecretService>.Instance);
    }

    public RootKey RootKey { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public InMemoryDataKeyStore DataKeys { get; } = new();

    public InMemorySecretStore Store { get; } = new();

    public VaultKeyRing KeyRing { get; }

    public SecretService Service { get; }

    public async Task<Vault> CreateVaultAsync(string name, CancellationToken cancellationToken)
    {
        var vault = new Vault(Guid.NewGuid(), name, Start, Vault.DefaultRetentionDays, PurgeProtection: false);
        await KeyRing.CreateDataKeyAsync(vault.Id, cancellationToken);
        return vault;
    }

    public void Dispose() => RootKey.Dispose();
}
