using Coffer.Core.Abstractions;
using Coffer.Core.Audit;
using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>
/// The server's audit store: the whole contract, plus what the journal adds. A crash is simulated by writing the journal
/// without ever indexing it (as if the process died after the fsync), then opening a new store on the same files.
/// </summary>
public sealed class SqliteJournaledAuditStoreTests : AuditStoreContractTests, IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"coffer-journal-tests-{Guid.NewGuid():N}");
    private readonly List<SqliteJournaledAuditStore> _stores = [];

    private string DatabasePath => Path.Combine(_directory, "audit.db");

    private string JournalPath => Path.Combine(_directory, "audit.journal");

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Open_JournalNeverIndexed_IndexesEveryRecordAndContinuesTheChain()
    {
        // Arrange: a server appended two batches, fsynced the journal, and died before indexing them.
        var first = Chain("local", null, NewRecord(Start, "SecretGet"), NewRecord(Start.AddSeconds(1), "SecretSet"));
        var second = Chain("local", new AuditChainHead("local", 2, first[1].Hash), NewRecord(Start.AddSeconds(2), "KeySign"));
        WriteJournal(journal =>
        {
            journal.Append(first);
            journal.Append(second);
        });

        // Act
        var store = Open();
        var read = await ReadAllAsync(store, "local");
        var next = Chain("local", await store.GetHeadAsync("local", Ct), NewRecord(Start.AddSeconds(3), "SecretList"));
        await store.AppendAsync(next, Ct);

        // Assert
        Assert.Equal([.. first, .. second], read);
        Assert.Equal(4, (await ReadAllAsync(store, "local")).Count);
        Assert.Equal(new AuditChainHead("local", 4, next[0].Hash), await store.GetHeadAsync("local", Ct));
    }

    [Fact]
    public async Task Open_TornLastFrame_KeepsOnlyWholeFrames()
    {
        // Arrange: the last batch's write was cut short by the crash, so it was never acknowledged.
        var whole = Chain("local", null, NewRecord(Start, "SecretGet"));
        WriteJournal(journal => journal.Append(whole));
        var torn = Chain("local", new AuditChainHead("local", 1, whole[0].Hash), NewRecord(Start.AddSeconds(1), "SecretSet"));
        var tornBytes = FrameBytes(torn);
        await using (var file = new FileStream(JournalPath, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = JournalEnd();
            await file.WriteAsync(tornBytes.AsMemory(0, tornBytes.Length - 10), Ct);
        }

        // Act
        var store = Open();

        // Assert
        Assert.Equal(whole, await ReadAllAsync(store, "local"));
        Assert.Equal(1, (await store.GetHeadAsync("local", Ct))!.Sequence);
    }

    [Fact]
    public async Task Open_FramesBeyondTheEndMarker_AreNotIndexed()
    {
        // Arrange: three records were indexed and the journal started over; the one record after that was not.
        // The new frame is exactly as long as each old one, so the two old frames after it are still whole.
        var old = Chain("old", null, NewRecord(Start, "SecretGet"), NewRecord(Start, "SecretGet"), NewRecord(Start, "SecretGet"));
        var fresh = Chain("new", null, NewRecord(Start, "SecretGet"));
        WriteJournal(journal =>
        {
            journal.Append(old);
            journal.Reset();
            journal.Append(fresh);
        });

        // Act
        var store = Open();

        // Assert
        Assert.Equal(["new"], (await store.ListChainsAsync(Ct)).Select(head => head.ChainId));
        Assert.Equal(fresh, await ReadAllAsync(store, "new"));
    }

    [Fact]
    public async Task AppendAsync_DatabaseLocked_DurableAtOnceQueryableOnceReleased()
    {
        // Arrange
        var store = Open();
        var records = Chain("local", null, NewRecord(Start, "SecretGet"), NewRecord(Start.AddSeconds(1), "SecretGet"));
        await store.AppendAsync(records[..1], Ct);
        await using var blocker = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await blocker.OpenAsync(Ct);
        await using var exclusive = blocker.CreateCommand();
        exclusive.CommandText = "BEGIN EXCLUSIVE;";
        await exclusive.ExecuteNonQueryAsync(Ct);

        // Act: the append is acknowledged with the database locked; the journal alone holds it.
        await store.AppendAsync(records[1..], Ct);
        var journaled = ReadJournal();
        exclusive.CommandText = "ROLLBACK;";
        await exclusive.ExecuteNonQueryAsync(Ct);
        var read = await ReadAllAsync(store, "local");

        // Assert
        Assert.Contains(records[1], journaled);
        Assert.Equal(records, read);
    }

    [Fact]
    public async Task AppendAsync_IndexTooFarBehind_RefusesUntilItCatchesUp()
    {
        // Arrange: the index cannot write (database locked) and may fall at most 2 records behind.
        var store = Open(maxBacklog: 2);
        var records = Chain("local", null, NewRecord(Start, "SecretGet"), NewRecord(Start, "SecretGet"), NewRecord(Start, "SecretGet"), NewRecord(Start, "SecretGet"));
        await store.AppendAsync(records[..1], Ct);
        await store.FlushAsync(Ct);
        await using var blocker = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await blocker.OpenAsync(Ct);
        await using var exclusive = blocker.CreateCommand();
        exclusive.CommandText = "BEGIN EXCLUSIVE;";
        await exclusive.ExecuteNonQueryAsync(Ct);
        await store.AppendAsync(records[1..3], Ct);

        // Act
        var refused = await Record.ExceptionAsync(() => store.AppendAsync(records[3..], Ct));
        exclusive.CommandText = "ROLLBACK;";
        await exclusive.ExecuteNonQueryAsync(Ct);
        await store.FlushAsync(Ct);
        await store.AppendAsync(records[3..], Ct);

        // Assert
        Assert.IsType<InvalidOperationException>(refused);
        Assert.Equal(records, await ReadAllAsync(store, "local"));
    }

    [Fact]
    public async Task AppendAsync_GapInTheChain_WritesNothing()
    {
        // Arrange
        var store = Open();
        var records = Chain("local", null, NewRecord(Start, "SecretGet"), NewRecord(Start, "SecretGet"), NewRecord(Start, "SecretGet"));
        await store.AppendAsync(records[..1], Ct);

        // Act
        var failure = await Record.ExceptionAsync(() => store.AppendAsync(records[2..], Ct));

        // Assert
        Assert.IsType<InvalidOperationException>(failure);
        Assert.DoesNotContain(records[2], ReadJournal());
        Assert.Equal(records[..1], await ReadAllAsync(store, "local"));
    }

    protected override Task<IAuditStore> CreateStoreAsync() => Task.FromResult<IAuditStore>(Open());

    private SqliteJournaledAuditStore Open(int maxBacklog = SqliteJournaledAuditStore.DefaultMaxBacklog)
    {
        var options = new SqliteStorageOptions { DatabasePath = DatabasePath, BusyTimeout = TimeSpan.FromMilliseconds(50), Migrations = SqliteAuditSchema.Migrations };
        var index = new SqliteAuditStore(new SqliteDatabase(options, NullLogger<SqliteDatabase>.Instance));
        var store = new SqliteJournaledAuditStore(index, JournalPath, NullLogger<SqliteJournaledAuditStore>.Instance, maxBacklog);
        _stores.Add(store);
        return store;
    }

    private void WriteJournal(Action<SqliteAuditJournal> write)
    {
        Directory.CreateDirectory(_directory);
        using var journal = SqliteAuditJournal.Open(JournalPath, out _);
        write(journal);
    }

    private List<AuditRecord> ReadJournal()
    {
        using var journal = SqliteAuditJournal.Open(Path.Combine(CopyOfJournal()), out var records);
        return records;
    }

    private string CopyOfJournal()
    {
        var copy = Path.Combine(_directory, $"copy-{Guid.NewGuid():N}.journal");
        File.Copy(JournalPath, copy);
        return copy;
    }

    private long JournalEnd()
    {
        using var journal = SqliteAuditJournal.Open(CopyOfJournal(), out _);
        return journal.Length;
    }

    private byte[] FrameBytes(AuditRecord[] records)
    {
        var path = Path.Combine(_directory, $"frames-{Guid.NewGuid():N}.journal");
        using (var journal = SqliteAuditJournal.Open(path, out _))
        {
            journal.Append(records);
        }

        using var journalAgain = SqliteAuditJournal.Open(path, out _);
        return File.ReadAllBytes(path)[..(int)journalAgain.Length];
    }
}
