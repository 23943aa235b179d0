using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Coffer.Core.KeyRing;
using Coffer.Core.Tests.Abstractions;
using Coffer.Core.Vaults;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Core.Tests.Cluster;

/// <summary>
/// Two nodes over one store, each with its own caches: a change made through one is what the other serves next,
/// because the change feed makes the other forget the same entry (and, after a reconnect, everything).
/// </summary>
public sealed class ChangeFeedTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Subscription = Guid.NewGuid();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly RootKey _rootKey = new(RootKey.Generate(), "test");
    private readonly ChangeBus _bus = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VaultDirectory_VaultChangedOnAnotherNode_IsReadAgain()
    {
        // Arrange: node B has the vault cached as RBAC.
        var store = new InMemoryVaultStore();
        var keys = new InMemoryDataKeyStore();
        var a = Directory(store, keys, _bus.Node());
        var b = Directory(store, keys, _bus.Node());
        await a.CreateAsync("billing", 90, Ct);
        Assert.True((await b.FindAsync("billing", Ct))!.EnableRbacAuthorization);

        // Act
        await a.UpdateAsync("billing", v => v with { EnableRbacAuthorization = false }, Ct);

        // Assert
        Assert.False((await b.FindAsync("billing", Ct))!.EnableRbacAuthorization);
    }

    [Fact]
    public async Task VaultDirectory_VaultDeletedOnAnotherNode_IsGone()
    {
        // Arrange
        var store = new InMemoryVaultStore();
        var keys = new InMemoryDataKeyStore();
        var a = Directory(store, keys, _bus.Node());
        var b = Directory(store, keys, _bus.Node());
        await a.CreateAsync("billing", 90, Ct);
        Assert.NotNull(await b.FindAsync("billing", Ct));

        // Act
        await a.DeleteAsync("billing", Ct);

        // Assert
        Assert.Null(await b.FindAsync("billing", Ct));
    }

    [Fact]
    public async Task VaultDirectory_ChangeMissedWhileDisconnected_IsReadAfterReconnect()
    {
        // Arrange
        var store = new InMemoryVaultStore();
        var keys = new InMemoryDataKeyStore();
        var a = Directory(store, keys, _bus.Node());
        var feedB = _bus.Node();
        var b = Directory(store, keys, feedB);
        await a.CreateAsync("billing", 90, Ct);
        Assert.NotNull(await b.FindAsync("billing", Ct));
        ChangeBus.Disconnect(feedB);
        await a.DeleteAsync("billing", Ct);
        Assert.NotNull(await b.FindAsync("billing", Ct)); // stale while it cannot hear: what reconnecting repairs

        // Act
        ChangeBus.Reconnect(feedB);

        // Assert
        Assert.Null(await b.FindAsync("billing", Ct));
    }

    [Fact]
    public async Task AccessEvaluator_RoleAssignedOnAnotherNode_TakesEffectAtOnce()
    {
        // Arrange: node B has cached that the principal holds nothing.
        var store = new InMemoryRoleAssignmentStore();
        var deployment = new Deployment(Guid.NewGuid(), Subscription);
        var a = new AccessEvaluator(store, deployment, _time, _bus.Node());
        var b = new AccessEvaluator(store, deployment, _time, _bus.Node());
        var principal = new Principal(Guid.NewGuid(), Guid.NewGuid(), "app", Now.AddHours(1));
        var vault = new Vault(Guid.NewGuid(), "billing", Now, 90, false);
        await Assert.ThrowsAsync<CofferException>(() => b.DemandAsync(principal, vault, SecretOperations.Get, "db", Ct).AsTask());

        // Act
        var assignment = await a.AssignAsync(principal.ObjectId, BuiltInRoles.SecretsUser, "/", Ct);
        var allowed = await Record.ExceptionAsync(() => b.DemandAsync(principal, vault, SecretOperations.Get, "db", Ct).AsTask());
        await a.DeleteAsync(assignment.Id, Ct);
        var denied = await Record.ExceptionAsync(() => b.DemandAsync(principal, vault, SecretOperations.Get, "db", Ct).AsTask());

        // Assert
        Assert.Null(allowed);
        Assert.Equal(403, Assert.IsType<CofferException>(denied).Status);
    }

    [Fact]
    public async Task VaultKeyRing_KeyAddedOnAnotherNode_BecomesTheNewestHere()
    {
        // Arrange: both nodes use the vault's first key; a second key appears on node A.
        var keys = new InMemoryDataKeyStore();
        var a = new VaultKeyRing(_rootKey, keys, _time, _bus.Node());
        var b = new VaultKeyRing(_rootKey, keys, _time, _bus.Node());
        var vaultId = Guid.NewGuid();
        var aad = ObjectAad.For(vaultId, "secrets", "db", "v1");
        await a.CreateDataKeyAsync(vaultId, Ct);
        await b.EncryptAsync(vaultId, aad, new byte[] { 1 }, Ct);
        _time.Advance(TimeSpan.FromSeconds(1));

        // Act
        var second = await a.CreateDataKeyAsync(vaultId, Ct);
        var sealedOnB = await b.EncryptAsync(vaultId, aad, new byte[] { 2 }, Ct);

        // Assert
        Assert.Equal(second.Id, Core.Crypto.Envelope.ReadKeyId(sealedOnB));
    }

    [Fact]
    public async Task SigningKeyRing_KeyCreatedOnAnotherNode_VerifiesHere()
    {
        // Arrange: two nodes that started before a rotation on node A.
        var store = new InMemorySigningKeyStore();
        using var a = new SigningKeyRing(_rootKey, store, _time, _bus.Node());
        using var b = new SigningKeyRing(_rootKey, store, _time, _bus.Node());
        await a.LoadAsync(Ct);
        await b.LoadAsync(Ct);
        var rotation = new SigningKeyRotation(TimeSpan.FromDays(30), TimeSpan.FromDays(1));
        _time.Advance(TimeSpan.FromDays(29.5));

        // Act
        await a.RotateAsync(rotation, TimeSpan.FromHours(1), Ct);

        // Assert: node B reloads off the feed's thread; it must come to know the key.
        var next = store.Keys[^1].KeyId;
        Assert.NotEqual(store.Keys[0].KeyId, next);
        await Eventually(() => b.TryGetVerificationKey(next, out _));
    }

    [Fact]
    public async Task CredentialDirectory_CredentialRevokedOnAnotherNode_IsRefusedHere()
    {
        // Arrange
        var a = new CredentialDirectory(_bus.Node());
        var b = new CredentialDirectory(_bus.Node());

        // Act
        await a.AddAsync("key", Now.AddDays(1));
        var liveOnB = b.IsLive("key", Now);
        await a.RevokeAsync("key");

        // Assert
        Assert.True(liveOnB);
        Assert.False(b.IsLive("key", Now));
    }

    [Fact]
    public async Task CredentialDirectory_ChangeDuringReload_SurvivesTheReload()
    {
        // Arrange: a reload read the stores before "late" was added.
        var directory = new CredentialDirectory(_bus.Node());
        directory.Apply(new CredentialChange("gone", DateTimeOffset.MaxValue));
        directory.BeginReload();
        directory.Apply(new CredentialChange("late", DateTimeOffset.MaxValue));

        // Act
        directory.CompleteReload([new CredentialChange("kept", DateTimeOffset.MaxValue)]);

        // Assert
        Assert.True(directory.IsLive("kept", Now));
        Assert.True(directory.IsLive("late", Now));
        Assert.False(directory.IsLive("gone", Now));
    }

    public void Dispose() => _rootKey.Dispose();

    private VaultDirectory Directory(InMemoryVaultStore store, InMemoryDataKeyStore keys, Core.Abstractions.IChangeFeed feed) =>
        new(store, new VaultKeyRing(_rootKey, keys, _time, feed), _time, logger: null, feed);

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
