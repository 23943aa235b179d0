using System.Diagnostics;
using Coffer.Core.Secrets;
using Coffer.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class TmpPerfTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();
    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Perf()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new SqliteSecretStore(_database.Database, NullLogger<SqliteSecretStore>.Instance);
        var vault = Guid.NewGuid();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            await store.AddVersionAsync(new SecretVersion(vault, $"s{i}", Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, true, null, null, null, new Dictionary<string, string> { ["a"] = "b" }, new byte[100]), ct);
        }
        var writes = sw.Elapsed;
        sw.Restart();
        for (var i = 0; i < 20000; i++)
        {
            var v = await store.GetAsync(vault, $"s{i % 200}", null, ct);
            Assert.NotNull(v);
        }
        var reads = sw.Elapsed;
        sw.Restart();
        await Parallel.ForAsync(0, 20000, ct, async (i, c) => Assert.NotNull(await store.GetAsync(vault, $"s{i % 200}", null, c)));
        var par = sw.Elapsed;
        TestContext.Current.SendDiagnosticMessage($"200 writes {writes.TotalMilliseconds}ms; 20000 reads {reads.TotalMilliseconds}ms; parallel {par.TotalMilliseconds}ms");
        Console.WriteLine($"PERF 200 writes {writes.TotalMilliseconds}ms; 20000 reads {reads.TotalMilliseconds}ms; parallel {par.TotalMilliseconds}ms");
    }
}
