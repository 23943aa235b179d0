namespace Coffer.Core.Identity.External;

/// <summary>One trusted issuer's keys as last fetched, and the bookkeeping that rate-limits fetching them.</summary>
internal sealed class IssuerState(TrustedIssuer trusted)
{
    private IReadOnlyDictionary<string, VerificationKey> _keys = new Dictionary<string, VerificationKey>(StringComparer.Ordinal);

    public TrustedIssuer Trusted { get; } = trusted;

    /// <summary>Replaced whole by each successful fetch, so readers never lock and a removed key stops verifying at once.</summary>
    public IReadOnlyDictionary<string, VerificationKey> Keys
    {
        get => Volatile.Read(ref _keys);
        set => Volatile.Write(ref _keys, value);
    }

    /// <summary>When the last fetch started (<see cref="DateTimeOffset.MinValue"/> before the first).</summary>
    public DateTimeOffset LastAttempt { get; set; } = DateTimeOffset.MinValue;

    public DateTimeOffset LastSuccess { get; set; } = DateTimeOffset.MinValue;

    // 1 while a fetch is scheduled or running: one at a time per issuer.
    private int _busy;

    public bool TryBeginFetch() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    public void EndFetch() => Volatile.Write(ref _busy, 0);
}
