using Azure;
using Azure.Security.KeyVault.Secrets;

namespace Coffer.Compat.Tests;

/// <summary>
/// Racing state changes on one name from several clients: exactly one winner, the losers get Key Vault's error,
/// and the end state is the winner's.
/// </summary>
public sealed class ConcurrentLifecycleTests(CompatFixture fixture)
{
    private const int Racers = 4;

    [Fact]
    public async Task SetSecret_RacingADelete_EverySuccessfulWriteSurvivesRecovery()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clients = CreateClients();
        var name = TestNames.Unique("race-setdel");
        var initial = (await clients[0].SetSecretAsync(name, "initial", ct)).Value;
        var values = Enumerable.Range(0, 16).Select(i => $"racer {i}").ToArray();

        // Act
        var sets = values.Select((value, i) => Task.Run(() => clients[i % Racers].SetSecretAsync(name, value, ct), ct)).ToList();
        var delete = Task.Run(async () => (await (await clients[0].StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct)).Value, ct);
        var outcomes = await Task.WhenAll(sets.Select(CaptureAsync));
        var deleted = await delete;
        await (await clients[1].StartRecoverDeletedSecretAsync(name, ct)).WaitForCompletionAsync(ct);

        // Assert
        Assert.All(outcomes.Where(o => o.Error is not null), o =>
        {
            Assert.Equal(409, o.Error!.Status);
            Assert.Equal("Conflict", o.Error.ErrorCode);
        });
        var written = outcomes.Where(o => o.Result is not null).Select(o => o.Result!.Value).ToList();
        var listed = new List<string>();
        await foreach (var properties in clients[2].GetPropertiesOfSecretVersionsAsync(name, ct))
        {
            listed.Add(properties.Version);
        }

        var expected = written.Select(s => s.Properties.Version).Append(initial.Properties.Version);
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        foreach (var secret in written)
        {
            Assert.Equal(secret.Value, (await clients[3].GetSecretAsync(name, secret.Properties.Version, ct)).Value.Value);
        }

        // No write can land after the delete, so the deleted latest is still the latest after recovery.
        Assert.Equal(deleted.Properties.Version, (await clients[0].GetSecretAsync(name, cancellationToken: ct)).Value.Properties.Version);
    }

    [Fact]
    public async Task StartDeleteSecret_ParallelOnOneName_ExactlyOneSucceeds()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clients = CreateClients();
        var name = TestNames.Unique("race-del");
        await clients[0].SetSecretAsync(name, "v", ct);

        // Act
        var outcomes = await Task.WhenAll(clients.Select(c => CaptureAsync(Task.Run(() => c.StartDeleteSecretAsync(name, ct), ct))));

        // Assert
        Assert.Single(outcomes, o => o.Result is not null);
        Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.Equal(404, o.Error!.Status));
        Assert.Equal(name, (await clients[0].GetDeletedSecretAsync(name, ct)).Value.Name);
    }

    [Fact]
    public async Task PurgeDeletedSecret_ParallelOnOneName_ExactlyOneSucceeds()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clients = CreateClients();
        var name = TestNames.Unique("race-purge");
        await clients[0].SetSecretAsync(name, "v", ct);
        await (await clients[0].StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);

        // Act
        var outcomes = await Task.WhenAll(clients.Select(c => CaptureAsync(Task.Run(() => c.PurgeDeletedSecretAsync(name, ct), ct))));

        // Assert
        Assert.Single(outcomes, o => o.Result is { Status: 204 });
        Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.Equal(404, o.Error!.Status));
        Assert.Equal(Racers - 1, outcomes.Count(o => o.Error is not null));
    }

    [Fact]
    public async Task RestoreSecretBackup_ParallelSameBlob_ExactlyOneRestoresAndVersionsAreNotDuplicated()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clients = CreateClients();
        var name = TestNames.Unique("race-restore");
        var first = (await clients[0].SetSecretAsync(name, "one", ct)).Value;
        var second = (await clients[0].SetSecretAsync(name, "two", ct)).Value;
        var backup = (await clients[0].BackupSecretAsync(name, ct)).Value;
        await (await clients[0].StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);
        await clients[0].PurgeDeletedSecretAsync(name, ct);

        // Act
        var outcomes = await Task.WhenAll(clients.Select(c => CaptureAsync(Task.Run(() => c.RestoreSecretBackupAsync(backup, ct), ct))));

        // Assert
        Assert.Single(outcomes, o => o.Result is not null);
        Assert.All(outcomes.Where(o => o.Error is not null), o =>
        {
            Assert.Equal(409, o.Error!.Status);
            Assert.Equal("Conflict", o.Error.ErrorCode);
        });
        var listed = new List<string>();
        await foreach (var properties in clients[1].GetPropertiesOfSecretVersionsAsync(name, ct))
        {
            listed.Add(properties.Version);
        }

        Assert.Equal(new[] { first.Properties.Version, second.Properties.Version }.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal("two", (await clients[2].GetSecretAsync(name, cancellationToken: ct)).Value.Value);
    }

    [Fact]
    public async Task RecoverAndPurge_Racing_OneWinsAndTheStateMatchesIt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clients = CreateClients();
        var name = TestNames.Unique("race-recpurge");
        await clients[0].SetSecretAsync(name, "contested", ct);
        await (await clients[0].StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);

        // Act
        var recover = CaptureAsync(Task.Run(() => clients[1].StartRecoverDeletedSecretAsync(name, ct), ct));
        var purge = CaptureAsync(Task.Run(() => clients[2].PurgeDeletedSecretAsync(name, ct), ct));
        var (recovered, purged) = (await recover, await purge);

        // Assert
        Assert.True((recovered.Result is null) != (purged.Result is null), "Exactly one of recover and purge must win.");
        Assert.Equal(404, (recovered.Error ?? purged.Error)!.Status);
        if (recovered.Result is not null)
        {
            Assert.Equal("contested", (await clients[3].GetSecretAsync(name, cancellationToken: ct)).Value.Value);
        }
        else
        {
            var gone = await Assert.ThrowsAsync<RequestFailedException>(() => clients[3].GetSecretAsync(name, cancellationToken: ct));
            Assert.Equal(404, gone.Status);
            var notDeleted = await Assert.ThrowsAsync<RequestFailedException>(() => clients[3].GetDeletedSecretAsync(name, ct));
            Assert.Equal(404, notDeleted.Status);
        }
    }

    private SecretClient[] CreateClients() => Enumerable.Range(0, Racers).Select(_ => fixture.CreateSecretClient()).ToArray();

    private static async Task<(T? Result, RequestFailedException? Error)> CaptureAsync<T>(Task<T> call)
        where T : class
    {
        try
        {
            return (await call, null);
        }
        catch (RequestFailedException error)
        {
            return (null, error);
        }
    }
}
