namespace Coffer.Core.Network;

/// <summary>
/// A vault's firewall, Azure's <c>networkAcls</c>: a default action, the (inert) bypass, and IPv4 ranges that may call
/// when the default is Deny. Unlike Azure, private (RFC 1918) and loopback ranges are allowed: self-hosted
/// deployments live there.
/// </summary>
public sealed class NetworkRuleSet : IEquatable<NetworkRuleSet>
{
    private readonly IPv4Range[] _rules;

    /// <summary>Azure's limit on IP rules per vault.</summary>
    public const int MaxIPRules = 1000;

    public NetworkRuleSet(NetworkDefaultAction defaultAction, NetworkBypass bypass, IReadOnlyList<IPv4Range> ipRules)
    {
        ArgumentNullException.ThrowIfNull(ipRules);
        if (ipRules.Count > MaxIPRules)
        {
            throw new ArgumentOutOfRangeException(nameof(ipRules), $"A vault has at most {MaxIPRules} IP rules.");
        }

        DefaultAction = defaultAction;
        Bypass = bypass;
        _rules = [.. ipRules];
    }

    /// <summary>Azure's defaults: Allow, AzureServices, no rules (the firewall is off).</summary>
    public static NetworkRuleSet Default { get; } = new(NetworkDefaultAction.Allow, NetworkBypass.AzureServices, []);

    public NetworkDefaultAction DefaultAction { get; }

    public NetworkBypass Bypass { get; }

    public IReadOnlyList<IPv4Range> IPRules => _rules;

    /// <summary>
    /// Whether a caller at <paramref name="address"/> may pass: always when the default is Allow; otherwise only an
    /// IPv4 address (or an IPv4-mapped IPv6 one) inside a rule. An IPv6 caller matches no IPv4 rule; an unknown
    /// address (null) matches none. Allocates nothing.
    /// </summary>
    public bool Allows(System.Net.IPAddress? address)
    {
        if (DefaultAction == NetworkDefaultAction.Allow)
        {
            return true;
        }

        if (address is null || !IPv4Range.TryGetIPv4(address, out var value))
        {
            return false;
        }

        foreach (var rule in _rules)
        {
            if (rule.Contains(value))
            {
                return true;
            }
        }

        return false;
    }

    public bool Equals(NetworkRuleSet? other) =>
        other is not null && DefaultAction == other.DefaultAction && Bypass == other.Bypass && _rules.AsSpan().SequenceEqual(other._rules);

    public override bool Equals(object? obj) => Equals(obj as NetworkRuleSet);

    public override int GetHashCode() => HashCode.Combine(DefaultAction, Bypass, _rules.Length);
}
