using Coffer.Core.Abstractions;
using Coffer.Core.Cluster;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// <see cref="IChangeFeed"/> on PostgreSQL's LISTEN/NOTIFY. A node publishes with <c>pg_notify</c> after its write
/// has committed; every node listens on one dedicated connection and hands each other node's notice to the caches.
/// When that connection breaks it is opened again, and every cache is told that anything may have changed, since
/// notices sent meanwhile are lost.
/// </summary>
internal sealed class PostgresChangeFeed : IChangeFeed, IAsyncDisposable
{
    /// <summary>The channel every node listens on; a payload is <c>{node} {kind} {key}</c>.</summary>
    public const string Channel = "coffer_changes";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly PostgresDatabase _database;
    private readonly PostgresClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresChangeFeed> _logger;
    private readonly ChangeSubscriptions _subscriptions = new();
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private Task? _listening;

    public PostgresChangeFeed(PostgresDatabase database, PostgresClusterOptions options, TimeProvider time, ILogger<PostgresChangeFeed> logger)
    {
        _database = database;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised each time the listening connection is (re)established, after the caches were told to forget; for tests.</summary>
    public event Action? Connected;

    /// <summary>Starts listening in the background; the first connection, too, tells every cache to forget.</summary>
    public void Start() => _listening ??= Task.Run(() => ListenAsync(_stopping.Token));

    public async ValueTask PublishAsync(string kind, string key, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand("SELECT pg_notify(@channel, @payload)")
                .With("@channel", Channel)
                .With("@payload", $"{_node} {kind} {key}");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            // The write itself is committed. The peers' listening connections are most likely broken by the same
            // outage, and they forget everything when they reconnect.
            Log.ChangeNotPublished(_logger, kind, e.GetType().Name);
        }
    }

    public IDisposable Subscribe(string kind, Action<string?> onChange) => _subscriptions.Add(kind, onChange);

    public async ValueTask DisposeAsync()
    {
        // The container disposes this once as itself and once as the interface it is registered under.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_listening is { } listening)
        {
            await listening;
        }

        _stopping.Dispose();
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _database.OpenAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = connection.CreateCommand($"LISTEN {Channel}"))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Log.ChangeFeedConnected(_logger, failing);
                failing = false;
                retry = FirstRetry;
                _subscriptions.DeliverEverything();
                Connected?.Invoke();
                await WaitForeverAsync(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (!failing)
                {
                    Log.ChangeFeedLost(_logger, e.GetType().Name);
                    failing = true;
                }

                try
                {
                    await Task.Delay(retry, _time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = retry * 2 < LongestRetry ? retry * 2 : LongestRetry;
            }
        }
    }

    /// <summary>Delivers notices as they come; when none comes for a while, checks that the connection is alive.</summary>
    private async Task WaitForeverAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        while (true)
        {
            if (!await connection.WaitAsync(_options.FeedKeepAlive, stoppingToken))
            {
                await using var ping = connection.CreateCommand("SELECT 1");
                await ping.ExecuteNonQueryAsync(stoppingToken);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        var parts = e.Payload.Split(' ', 3);
        if (parts.Length == 3 && parts[0] != _node)
        {
            _subscriptions.Deliver(parts[1], parts[2]);
        }
    }
}
