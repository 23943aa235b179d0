using System.Security.Cryptography;
using Coffer.Core.Alerts;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;
using Coffer.Core.KeyRing;
using Coffer.Core.Keys;
using Coffer.Core.Keys.Cryptography;
using Coffer.Core.Locks;
using Coffer.Core.Secrets;
using Coffer.Core.Vaults;
using Coffer.Storage.Postgres;
using Coffer.Storage.Sqlite;
using Coffer.Storage.Tests.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Postgres;

/// <summary><c>coffer store copy</c>'s engine: a SQLite deployment written through its stores reads back the same through the PostgreSQL stores.</summary>
public sealed class PostgresStoreCopyTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private readonly SqliteTestDatabase _sqlite = new();
    private readonly PostgresTestDatabase _postgres = new();
    private readonly Vault _vault = new(Guid.NewGuid(), "Billing", Now, 30, PurgeProtection: true)
    {
        Tags = new Dictionary<string, string> { ["team"] = "payments" },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        _sqlite.Dispose();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task CopyAsync_PopulatedSqliteDeployment_ReadsBackTheSameThroughThePostgresStores()
    {
        // Arrange
        var source = _sqlite.Database;
        var secrets = new SqliteSecretStore(source, NullLogger<SqliteSecretStore>.Instance);
        var keys = new SqliteKeyStore(source, NullLogger<SqliteKeyStore>.Instance);
        await new SqliteVaultStore(source).AddAsync(_vault, Ct);
        await new SqliteMetadataStore(source).GetOrAddAsync("tenant-id", "t-1", Ct);
        var dataKeys = new[] { DataKey(), DataKey() };
        foreach (var key in dataKeys)
        {
            await new SqliteDataKeyStore(source).AddAsync(key, Ct);
        }

        var first = await secrets.AddVersionAsync(Secret("Api-Key"), Ct);
        var second = await secrets.AddVersionAsync(Secret("api-key") with { Enabled = false, ContentType = null, Tags = null }, Ct);
        await secrets.AddVersionAsync(Secret("gone"), Ct);
        await secrets.DeleteAsync(_vault.Id, "gone", Now, Now.AddDays(30), Ct);
        var signing = await keys.AddVersionAsync(Key("signing"), null, Ct);
        await keys.SetRotationPolicyAsync(_vault.Id, "signing", new KeyRotationPolicy([new LifetimeAction("Rotate", "P30D", null)], "P90D", Now, Now), Ct);
        await keys.AddNotificationAsync(new KeyNotification(_vault.Id, "signing", signing!.Version, "Notify", Now, null, Now), Ct);
        var identity = new ManagedIdentity(Guid.NewGuid(), "Worker", Guid.NewGuid(), "apps", "local", new Dictionary<string, string>(), Now);
        await new SqliteIdentityStore(source).AddAsync(identity, Ct);
        var credential = new WorkloadCredential(Guid.NewGuid(), identity.PrincipalId, RandomNumberGenerator.GetBytes(32), Now, null);
        await new SqliteIdentityStore(source).AddCredentialAsync(credential, Ct);
        var principal = new ServicePrincipal(Guid.NewGuid(), Guid.NewGuid(), "deployer", Now,
            [new PasswordCredential(Guid.NewGuid(), "ci", "abc", Now, Now.AddDays(365), RandomNumberGenerator.GetBytes(32))]);
        await new SqliteServicePrincipalStore(source).AddAsync(principal, Ct);
        var assignment = new RoleAssignment(Guid.NewGuid(), principal.ObjectId, Guid.NewGuid(), "/", Now) { CreatedBy = identity.PrincipalId };
        await new SqliteRoleAssignmentStore(source).AddAsync(assignment, Ct);
        await new SqliteSigningKeyStore(source).AddAsync(new StoredSigningKey("kid-1", RandomNumberGenerator.GetBytes(48), Now, Now), Ct);
        await new SqliteLockStore(source).PutAsync(new ManagementLock("/subscriptions/x", "keep", LockLevel.CanNotDelete) { Owners = ["ops"] }, Ct);
        var rule = new AlertRule("coffer", "Denied-Reads")
        {
            Scope = "billing",
            Operations = ["SecretGet"],
            ResultTypes = ["Unauthorized", "Forbidden"],
            Webhook = new Uri("https://hooks.example/alerts"),
            Enabled = false,
        };
        await new SqliteAlertRuleStore(source).PutAsync(rule, Ct);
        var target = await _postgres.OpenAsync();

        // Act
        var counts = (await PostgresStoreCopy.CopyAsync(_sqlite.Path, null, target, Ct)).ToDictionary(c => c.Table, c => c.Rows);

        // Assert
        Assert.Equal(1, counts["vaults"]);
        Assert.Equal(3, counts["secret_versions"]);
        Assert.Equal(1, counts["management_locks"]);
        var copiedSecrets = new PostgresSecretStore(target, NullLogger<PostgresSecretStore>.Instance);
        var latest = await copiedSecrets.GetAsync(_vault.Id, "api-key", null, Ct);
        Assert.NotNull(latest);
        Assert.Equal("Api-Key", latest.Name);
        Assert.Equal(second!.Version, latest.Version);
        Assert.Equal(second.Sequence, latest.Sequence);
        Assert.False(latest.Enabled);
        Assert.Equal(second.Ciphertext, latest.Ciphertext);
        Assert.Equal(first!.Ciphertext, (await copiedSecrets.GetAsync(_vault.Id, "api-key", first.Version, Ct))?.Ciphertext);
        Assert.NotNull(await copiedSecrets.GetDeletedAsync(_vault.Id, "gone", Ct));
        var third = await copiedSecrets.AddVersionAsync(Secret("api-key"), Ct);
        Assert.True(third!.Sequence > second.Sequence);

        var vault = await new PostgresVaultStore(target).GetByNameAsync("billing", Ct);
        Assert.NotNull(vault);
        Assert.True(vault.PurgeProtection);
        Assert.Equal("payments", vault.Tags["team"]);
        Assert.Equal("t-1", await new PostgresMetadataStore(target).GetAsync("tenant-id", Ct));
        Assert.Equal(dataKeys.Select(k => k.Id), (await new PostgresDataKeyStore(target).GetForVaultAsync(_vault.Id, Ct)).Select(k => k.Id));
        var copiedKeys = new PostgresKeyStore(target, NullLogger<PostgresKeyStore>.Instance);
        Assert.Equal(signing.SealedMaterial, (await copiedKeys.GetAsync(_vault.Id, "signing", null, Ct))?.SealedMaterial);
        Assert.Equal("P90D", (await copiedKeys.GetRotationPolicyAsync(_vault.Id, "signing", Ct))?.ExpiryTime);
        Assert.Single(await copiedKeys.ListNotificationsAsync(0, 10, Ct));
        Assert.Equal(credential.Hash, (await new PostgresIdentityStore(target).GetCredentialByHashAsync(credential.Hash, Ct))?.Hash);
        Assert.Equal("Worker", (await new PostgresIdentityStore(target).GetByNameAsync("worker", Ct))?.Name);
        Assert.Single((await new PostgresServicePrincipalStore(target).GetByDisplayNameAsync("DEPLOYER", Ct))!.PasswordCredentials);
        Assert.Equal(identity.PrincipalId, (await new PostgresRoleAssignmentStore(target).GetAsync(assignment.Id, Ct))?.CreatedBy);
        Assert.Equal("kid-1", Assert.Single(await new PostgresSigningKeyStore(target).ListAsync(Ct)).KeyId);
        Assert.Equal(["ops"], (await new PostgresLockStore(target).GetAsync("/SUBSCRIPTIONS/X", "keep", Ct))?.Owners);
        Assert.Equal(rule, await new PostgresAlertRuleStore(target).GetAsync("COFFER", "denied-reads", Ct));
    }

    [Fact]
    public async Task CopyAsync_TargetHoldsData_RefusesAndWritesNothing()
    {
        // Arrange
        await new SqliteVaultStore(_sqlite.Database).AddAsync(_vault, Ct);
        var target = await _postgres.OpenAsync();
        await new PostgresMetadataStore(target).GetOrAddAsync("tenant-id", "already-here", Ct);

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresStoreCopy.CopyAsync(_sqlite.Path, null, target, Ct));

        // Assert
        Assert.Contains("already holds data", error.Message, StringComparison.Ordinal);
        Assert.Empty(await new PostgresVaultStore(target).ListAsync(Ct));
    }

    private WrappedDataKey DataKey() => new(Guid.NewGuid(), _vault.Id, RandomNumberGenerator.GetBytes(40), Now);

    private SecretVersion Secret(string name) =>
        new(_vault.Id, name, Guid.NewGuid().ToString("N"), Now, Now, Enabled: true, NotBefore: null, Expires: Now.AddDays(1), ContentType: "text/plain",
            Tags: new Dictionary<string, string> { ["env"] = "prod" }, Ciphertext: RandomNumberGenerator.GetBytes(48));

    private KeyVersion Key(string name) =>
        new(_vault.Id, name, Guid.NewGuid().ToString("N"), "EC", 256, ["sign", "verify"], Now, Now, true, null, null, null,
            new PublicKeyParts(null, null, "P-256", RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32)), RandomNumberGenerator.GetBytes(64));
}
