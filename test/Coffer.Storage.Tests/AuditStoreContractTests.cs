using Coffer.Core.Abstractions;
using Coffer.Core.Audit;

namespace Coffer.Storage.Tests;

/// <summary>The audit log: batches are atomic, chains keep their heads, queries filter and page, retention cuts prefixes.</summary>
public abstract class AuditStoreContractTests
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IAuditStore> CreateStoreAsync();

    [Fact]
    public async Task AppendAsync_SealedBatch_ReadsBackExactlyWithHead()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var records = Chain("node-a", null, NewRecord(Start.AddTicks(12_345_678), "SecretGet"), NewRecord(Start.AddSeconds(1), "SecretSet", identity: true));

        // Act
        await store.AppendAsync(records, Ct);
        var read = await ReadAllAsync(store, "node-a");
        var head = await store.GetHeadAsync("node-a", Ct);

        // Assert
        Assert.Equal(records, read);
        Assert.Equal(new AuditChainHead("node-a", 2, records[1].Hash), head);
        Assert.Null(await store.GetHeadAsync("node-b", Ct));
        Assert.All(read, record => Assert.Equal(AuditChain.ComputeHash(record), record.Hash));
    }

    [Fact]
    public async Task AppendAsync_EmptyTexts_ReadBackEmptyNotNull()
    {
        // Arrange: a client may send an empty User-Agent or x-ms-client-request-id; the hash tells "" from null.
        var store = await CreateStoreAsync();
        var records = Chain("node-a", null, NewRecord(Start, "SecretGet") with
        {
            ResultDescription = "",
            CorrelationId = "",
            ClientInfo = "",
            OperationVersion = "",
            Identity = new AuditIdentity("", "", "") { TenantId = "" },
        });

        // Act
        await store.AppendAsync(records, Ct);
        var read = await ReadAllAsync(store, "node-a");

        // Assert
        Assert.Equal(records, read);
        Assert.All(read, record => Assert.Equal(AuditChain.ComputeHash(record), record.Hash));
    }

    [Fact]
    public async Task AppendAsync_DuplicateSequenceInBatch_WritesNothing()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var first = Chain("node-a", null, NewRecord(Start, "SecretGet"));
        await store.AppendAsync(first, Ct);
        var next = Chain("node-a", await store.GetHeadAsync("node-a", Ct), NewRecord(Start.AddSeconds(1), "SecretList"));

        // Act
        var failure = await Record.ExceptionAsync(() => store.AppendAsync([next[0], first[0]], Ct));

        // Assert
        Assert.NotNull(failure);
        Assert.Equal(first, await ReadAllAsync(store, "node-a"));
        Assert.Equal(1, (await store.GetHeadAsync("node-a", Ct))!.Sequence);
    }

    [Fact]
    public async Task ListChainsAsync_TwoWriters_BothHeads()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AppendAsync(Chain("node-b", null, NewRecord(Start, "KeySign"), NewRecord(Start, "KeySign")), Ct);
        await store.AppendAsync(Chain("node-a", null, NewRecord(Start, "VaultPut")), Ct);

        // Act
        var chains = await store.ListChainsAsync(Ct);

        // Assert
        Assert.Equal(["node-a", "node-b"], chains.Select(chain => chain.ChainId));
        Assert.Equal([1L, 2L], chains.Select(chain => chain.Sequence));
    }

    [Fact]
    public async Task QueryAsync_Filters_MatchEveryGivenFilterCaseInsensitively()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AppendAsync(Chain(
            "node-a",
            null,
            NewRecord(Start, "SecretGet", vault: "alpha", identity: true),
            NewRecord(Start.AddMinutes(1), "SecretGet", vault: "alpha", status: 403),
            NewRecord(Start.AddMinutes(2), "SecretGet", vault: "beta", status: 401),
            NewRecord(Start.AddMinutes(3), "SecretSet", vault: "alpha", identity: true),
            NewRecord(Start.AddMinutes(4), "VaultPut", vault: null, identity: true)), Ct);

        // Act
        var byVault = await store.QueryAsync(new AuditQuery { VaultName = "ALPHA" }, Ct);
        var byOperation = await store.QueryAsync(new AuditQuery { OperationNames = ["secretget", "VaultPut"] }, Ct);
        var denied = await store.QueryAsync(new AuditQuery { ResultTypes = ["Unauthorized", "forbidden"] }, Ct);
        var byStatus = await store.QueryAsync(new AuditQuery { HttpStatusCodes = [401] }, Ct);
        var byCaller = await store.QueryAsync(new AuditQuery { CallerId = "APP-1", OperationNames = ["SecretSet"] }, Ct);
        var byTime = await store.QueryAsync(new AuditQuery { Since = Start.AddMinutes(1), Until = Start.AddMinutes(3), Order = AuditOrder.OldestFirst }, Ct);

        // Assert
        Assert.Equal([4L, 2L, 1L], byVault.Items.Select(record => record.Sequence));
        Assert.Equal([5L, 3L, 2L, 1L], byOperation.Items.Select(record => record.Sequence));
        Assert.Equal([3L, 2L], denied.Items.Select(record => record.Sequence));
        Assert.Equal(3L, Assert.Single(byStatus.Items).Sequence);
        Assert.Equal(4L, Assert.Single(byCaller.Items).Sequence);
        Assert.Equal([2L, 3L], byTime.Items.Select(record => record.Sequence));
        Assert.Null(byVault.NextToken);
    }

    [Fact]
    public async Task QueryAsync_After_OnlyRecordsPastTheirChainsPosition_WhateverTheirTimes()
    {
        // Arrange: node-b's second record is stamped before everything else (a slow request recorded late).
        var store = await CreateStoreAsync();
        await store.AppendAsync(Chain("node-a", null, NewRecord(Start, "SecretGet"), NewRecord(Start.AddMinutes(1), "SecretGet"), NewRecord(Start.AddMinutes(2), "SecretGet")), Ct);
        await store.AppendAsync(Chain("node-b", null, NewRecord(Start.AddMinutes(1), "SecretGet"), NewRecord(Start.AddMinutes(-5), "SecretGet")), Ct);
        await store.AppendAsync(Chain("node-c", null, NewRecord(Start, "SecretGet")), Ct);

        // Act
        var after = await store.QueryAsync(new AuditQuery { After = ChainSequences.Parse("node-a:2,node-b:1") }, Ct);
        var afterNothing = await store.QueryAsync(new AuditQuery { After = ChainSequences.Empty, Since = Start.AddMinutes(1) }, Ct);

        // Assert
        Assert.Equal([("node-a", 3L), ("node-c", 1L), ("node-b", 2L)], after.Items.Select(record => (record.ChainId, record.Sequence)));
        Assert.Equal([("node-a", 3L), ("node-b", 1L), ("node-a", 2L)], afterNothing.Items.Select(record => (record.ChainId, record.Sequence)));
    }

    [Theory]
    [InlineData(AuditOrder.NewestFirst)]
    [InlineData(AuditOrder.OldestFirst)]
    public async Task QueryAsync_Paged_VisitsEveryRecordOnceInOrder(AuditOrder order)
    {
        // Arrange: two chains with equal times, so ties must be broken stably.
        var store = await CreateStoreAsync();
        await store.AppendAsync(Chain("node-a", null, [.. Enumerable.Range(0, 7).Select(i => NewRecord(Start.AddSeconds(i / 2), "SecretGet"))]), Ct);
        await store.AppendAsync(Chain("node-b", null, [.. Enumerable.Range(0, 6).Select(i => NewRecord(Start.AddSeconds(i / 2), "SecretGet"))]), Ct);

        // Act
        var seen = new List<AuditRecord>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.QueryAsync(new AuditQuery { PageSize = 4, Order = order, Continuation = token }, Ct);
            seen.AddRange(page.Items);
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        // Assert
        Assert.Equal(4, pages);
        Assert.Equal(13, seen.Select(record => (record.ChainId, record.Sequence)).Distinct().Count());
        var times = seen.Select(record => record.Time).ToList();
        Assert.Equal(order == AuditOrder.NewestFirst ? times.OrderDescending() : times.Order(), times);
    }

    [Fact]
    public async Task DeleteOlderThanAsync_TimesOutOfSequence_DeletesOnlyAPrefixAndKeepsHead()
    {
        // Arrange: record 3 started before record 2 (a slow request sealed later).
        var store = await CreateStoreAsync();
        var records = Chain(
            "node-a",
            null,
            NewRecord(Start, "SecretGet"),
            NewRecord(Start.AddDays(10), "SecretGet"),
            NewRecord(Start.AddDays(1), "SecretGet"),
            NewRecord(Start.AddDays(20), "SecretGet"));
        await store.AppendAsync(records, Ct);

        // Act
        var deleted = await store.DeleteOlderThanAsync(Start.AddDays(5), Ct);
        var remaining = await ReadAllAsync(store, "node-a");
        var deletedAll = await store.DeleteOlderThanAsync(Start.AddDays(30), Ct);

        // Assert
        Assert.Equal(3, deleted);
        Assert.Equal([4L], remaining.Select(record => record.Sequence));
        Assert.Equal(1, deletedAll);
        Assert.Equal(new AuditChainHead("node-a", 4, records[3].Hash), await store.GetHeadAsync("node-a", Ct));
    }

    protected static AuditRecord[] Chain(string chainId, AuditChainHead? head, params AuditRecord[] records)
    {
        var sealedRecords = new AuditRecord[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            sealedRecords[i] = AuditChain.Seal(records[i], chainId, head);
            head = new AuditChainHead(chainId, sealedRecords[i].Sequence, sealedRecords[i].Hash);
        }

        return sealedRecords;
    }

    protected static AuditRecord NewRecord(DateTimeOffset time, string operation, string? vault = "alpha", int status = 200, bool identity = false) => new()
    {
        Time = time,
        ResourceId = vault is null
            ? "/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11"
            : $"/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/{vault}",
        VaultName = vault,
        OperationName = operation,
        OperationVersion = "2025-07-01",
        ResultType = status < 400 ? "Success" : status == 401 ? "Unauthorized" : "Forbidden",
        ResultSignature = status < 400 ? "OK" : status == 401 ? "Unauthorized" : "Forbidden",
        ResultDescription = status < 400 ? null : "Refused.",
        DurationMs = 3,
        CallerIpAddress = "127.0.0.1",
        CorrelationId = "8c0f7c2e-0d7e-4c55-9c39-0b1f2f0e1a01",
        Identity = identity ? new AuditIdentity("oid-1", "app-1", "ana@contoso.test") { TenantId = "tenant-1" } : null,
        ClientInfo = "azsdk-net-Security.KeyVault.Secrets/4.8.0",
        RequestUri = $"https://{vault ?? "management"}.localhost/secrets/s?api-version=2025-07-01",
        HttpStatusCode = status,
        ObjectUri = vault is null ? null : $"https://{vault}.localhost/secrets/s",
        Authorization = status == 403 ? AuditAuthorization.AccessPolicy : identity ? AuditAuthorization.Rbac : AuditAuthorization.None,
    };

    protected static async Task<List<AuditRecord>> ReadAllAsync(IAuditStore store, string chainId)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in store.ReadChainAsync(chainId, Ct))
        {
            records.Add(record);
        }

        return records;
    }
}
