using Coffer.Core.Errors;
using Coffer.Core.Network;
using CoreRuleSet = Coffer.Core.Network.NetworkRuleSet;

namespace Coffer.Api.Contracts.Management;

/// <summary>
/// Maps a vault's <c>networkAcls</c> and <c>publicNetworkAccess</c> between ARM's shapes and the domain, refusing what
/// Azure refuses with ARM's <c>BadRequest</c> naming the field and the value. Enum values are read case-insensitively,
/// as ARM reads them, and written in Azure's spelling.
/// </summary>
internal static class NetworkRuleSetMapper
{
    private const string Path = "properties.networkAcls";

    public static NetworkRuleSet ToWire(CoreRuleSet rules) => new()
    {
        Bypass = rules.Bypass.ToString(),
        DefaultAction = rules.DefaultAction.ToString(),
        IpRules = rules.IPRules.Select(rule => new IPRule { Value = rule.ToString() }).ToList(),
        VirtualNetworkRules = [],
    };

    /// <summary>A whole rule set (what PUT, and a PATCH that names <c>networkAcls</c>, store); absent members take Azure's defaults.</summary>
    public static CoreRuleSet ToCore(NetworkRuleSet? given)
    {
        if (given is null)
        {
            return CoreRuleSet.Default;
        }

        var defaultAction = given.DefaultAction is null ? NetworkDefaultAction.Allow : ParseEnum<NetworkDefaultAction>(given.DefaultAction, Path + ".defaultAction");
        var bypass = given.Bypass is null ? NetworkBypass.AzureServices : ParseEnum<NetworkBypass>(given.Bypass, Path + ".bypass");
        if (given.VirtualNetworkRules is { Count: > 0 })
        {
            throw CofferErrors.ArmBadRequest(
                $"Invalid value found at {Path}.virtualNetworkRules: Coffer has no virtual networks, so a vault cannot have virtual network rules. Use ipRules instead.");
        }

        var entries = given.IpRules ?? [];
        if (entries.Count > CoreRuleSet.MaxIPRules)
        {
            throw CofferErrors.ArmBadRequest(
                $"Invalid value found at {Path}.ipRules: {entries.Count} IP rules exceed the maximum of {CoreRuleSet.MaxIPRules} per vault.");
        }

        var rules = new IPv4Range[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var value = entries[i]?.Value;
            if (!IPv4Range.TryParse(value?.Trim(), out rules[i]))
            {
                throw CofferErrors.ArmBadRequest(
                    $"Invalid value found at {Path}.ipRules[{i}].value: '{Shorten(value)}' is not an IPv4 address or CIDR range (such as 203.0.113.7 or 203.0.113.0/24).");
            }
        }

        return new CoreRuleSet(defaultAction, bypass, rules);
    }

    /// <summary>The <c>publicNetworkAccess</c> given, or null when absent.</summary>
    public static PublicNetworkAccess? ToCore(string? publicNetworkAccess) =>
        publicNetworkAccess is null ? null : ParseEnum<PublicNetworkAccess>(publicNetworkAccess, "properties.publicNetworkAccess");

    private static T ParseEnum<T>(string value, string path)
        where T : struct, Enum
    {
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<T>(name);
            }
        }

        throw CofferErrors.ArmBadRequest(
            $"Invalid value found at {path}: '{Shorten(value)}'. Allowed values are {string.Join(" and ", Enum.GetNames<T>().Select(n => $"'{n}'"))}.");
    }

    private static string? Shorten(string? value) => value is { Length: > 64 } ? value[..64] + "…" : value;
}
