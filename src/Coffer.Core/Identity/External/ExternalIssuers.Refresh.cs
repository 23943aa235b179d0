using System.Text.Json;

namespace Coffer.Core.Identity.External;

/// <summary>Fetching issuers' keys: at start, on a timer, and when a token names an unknown key (never more often than allowed).</summary>
public sealed partial class ExternalIssuers
{
    /// <summary>Fetches every issuer's keys once, at start. A failure is logged, not thrown: <see cref="RunAsync"/> retries.</summary>
    public Task LoadAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_byIssuer.Values.Select(async state =>
        {
            if (state.TryBeginFetch())
            {
                try
                {
                    await FetchAsync(state, cancellationToken);
                }
                finally
                {
                    state.EndFetch();
                }
            }
        }));

    /// <summary>
    /// Keeps the keys fresh until cancelled: each issuer again <see cref="ExternalIssuerOptions.RefreshInterval"/> after its
    /// last successful fetch, or <see cref="ExternalIssuerOptions.MinimumRefreshInterval"/> after a failed one.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_byIssuer.Count == 0)
        {
            return;
        }

        var tick = _options.MinimumRefreshInterval < _options.RefreshInterval ? _options.MinimumRefreshInterval : _options.RefreshInterval;
        using var timer = new PeriodicTimer(tick, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var now = _time.GetUtcNow();
            foreach (var state in _byIssuer.Values)
            {
                var failed = state.LastSuccess < state.LastAttempt;
                var due = failed ? state.LastAttempt + _options.MinimumRefreshInterval : state.LastSuccess + _options.RefreshInterval;
                if (now >= due && state.TryBeginFetch())
                {
                    try
                    {
                        await FetchAsync(state, cancellationToken);
                    }
                    finally
                    {
                        state.EndFetch();
                    }
                }
            }
        }
    }

    /// <summary>
    /// Schedules one fetch, no sooner than the minimum interval after the last: any number of tokens with unknown key ids
    /// cost the issuer at most one request per interval. The token that asked is refused meanwhile (as ASP.NET's JwtBearer does).
    /// </summary>
    private void RequestRefresh(IssuerState state)
    {
        if (!state.TryBeginFetch())
        {
            return;
        }

        CancellationToken stopping;
        try
        {
            stopping = _stopping.Token;
        }
        catch (ObjectDisposedException)
        {
            state.EndFetch();
            return;
        }

        var wait = state.LastAttempt + _options.MinimumRefreshInterval - _time.GetUtcNow();
        _ = Task.Run(async () =>
        {
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, stopping);
                }

                await FetchAsync(state, stopping);
            }
            catch (OperationCanceledException)
            {
                // Shutting down.
            }
            finally
            {
                state.EndFetch();
            }
        }, CancellationToken.None);
    }

    private async Task FetchAsync(IssuerState state, CancellationToken cancellationToken)
    {
        var issuer = state.Trusted.Issuer;
        state.LastAttempt = _time.GetUtcNow();
        try
        {
            string jwksUri;
            using (var discovery = JsonDocument.Parse(await _http.GetByteArrayAsync(issuer.TrimEnd('/') + "/.well-known/openid-configuration", cancellationToken)))
            {
                var root = discovery.RootElement;
                // The document must speak for exactly this issuer (OpenID Connect Discovery §4.3), or a token's iss proves nothing.
                if (root.ValueKind != JsonValueKind.Object || String(root, "issuer") != issuer)
                {
                    throw new FormatException($"its discovery document names another issuer ('{(root.ValueKind == JsonValueKind.Object ? String(root, "issuer") : null)}').");
                }

                jwksUri = String(root, "jwks_uri") ?? throw new FormatException("its discovery document has no jwks_uri.");
                if (!TrustedIssuer.IsAllowedUrl(jwksUri, out var reason))
                {
                    throw new FormatException("its jwks_uri " + reason);
                }
            }

            var keys = JsonWebKeySet.Parse(await _http.GetByteArrayAsync(jwksUri, cancellationToken));
            if (keys.Count == 0)
            {
                throw new FormatException("its JWKS holds no RS256 or ES256 signing key.");
            }

            state.Keys = keys;
            state.LastSuccess = _time.GetUtcNow();
            Log.ExternalIssuerKeysLoaded(_logger, issuer, keys.Count);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or FormatException ||
                                  (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The keys from the last good fetch stay in use: an issuer's outage must not lock its users out at once.
            Log.ExternalIssuerFetchFailed(_logger, issuer, e.Message);
        }
    }
}
