using System.Collections.Concurrent;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Abstractions;
using Coffer.Core.Audit;
using Coffer.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Api.Tests.Audit;

/// <summary>
/// A server with a JSON-lines audit file, a short wait for a locked <c>audit.db</c> (so the locked-index test is quick),
/// and every log message at every level captured, so tests can search them for values they wrote.
/// </summary>
public sealed class AuditServerFixture : ServerFixture
{
    public string AuditFile => Path.Combine(Server.DataDirectory, "audit.jsonl");

    public string AuditDatabase => Path.Combine(Server.DataDirectory, "audit.db");

    /// <summary>Where a batch is durable before it is acknowledged; <see cref="AuditDatabase"/> is indexed from it.</summary>
    public string AuditJournal => Path.Combine(Server.DataDirectory, "audit.journal");

    public ConcurrentQueue<string> Logs { get; } = new();

    public IAuditStore Store => GetService<IAuditStore>();

    /// <summary>The records of one vault, oldest first (a response is sent only after its record is durable).</summary>
    public async Task<List<AuditRecord>> RecordsAsync(AuditQuery query)
    {
        var records = new List<AuditRecord>();
        string? token = null;
        do
        {
            var page = await Store.QueryAsync(query with { Order = AuditOrder.OldestFirst, PageSize = AuditQuery.MaxPageSize, Continuation = token }, TestContext.Current.CancellationToken);
            records.AddRange(page.Items);
            token = page.NextToken;
        }
        while (token is not null);
        return records;
    }

    protected override void ConfigureOptions(ServeOptions options)
    {
        options.AuditFile = Path.Combine(options.DataDirectory, "audit.jsonl");
        options.AuditBusyTimeout = TimeSpan.FromMilliseconds(200);
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs));
        services.Configure<LoggerFilterOptions>(filters => filters.MinLevel = LogLevel.Trace);
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{eventId.Id} {formatter(state, exception)} {exception}");
    }
}
