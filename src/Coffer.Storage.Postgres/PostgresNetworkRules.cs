using Coffer.Core.Network;
using Coffer.Core.Vaults;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// A vault's network settings in its row: the enums by name, and the IP rules as their CIDR spellings separated by
/// spaces (null when there are none). Read by column name, so the vault columns may be listed in any order.
/// </summary>
internal static class PostgresNetworkRules
{
    public const string Columns = "network_default_action, network_bypass, network_ip_rules, public_network_access";

    public const string Parameters = "@networkDefaultAction, @networkBypass, @networkIpRules, @publicNetworkAccess";

    public const string Assignments =
        "network_default_action = @networkDefaultAction, network_bypass = @networkBypass, network_ip_rules = @networkIpRules, public_network_access = @publicNetworkAccess";

    public static NpgsqlCommand BindNetwork(this NpgsqlCommand command, Vault vault) => command
        .With("@networkDefaultAction", vault.NetworkAcls.DefaultAction.ToString())
        .With("@networkBypass", vault.NetworkAcls.Bypass.ToString())
        .With("@networkIpRules", vault.NetworkAcls.IPRules.Count == 0 ? null : string.Join(' ', vault.NetworkAcls.IPRules))
        .With("@publicNetworkAccess", vault.PublicNetworkAccess.ToString());

    public static Vault ReadNetwork(this NpgsqlDataReader reader, Vault vault)
    {
        var rules = reader.GetStringOrNull(reader.GetOrdinal("network_ip_rules")) is { } text
            ? text.Split(' ').Select(Parse).ToArray()
            : [];
        return vault with
        {
            NetworkAcls = new NetworkRuleSet(
                Enum.Parse<NetworkDefaultAction>(reader.GetString(reader.GetOrdinal("network_default_action"))),
                Enum.Parse<NetworkBypass>(reader.GetString(reader.GetOrdinal("network_bypass"))),
                rules),
            PublicNetworkAccess = Enum.Parse<PublicNetworkAccess>(reader.GetString(reader.GetOrdinal("public_network_access"))),
        };
    }

    // Written by BindNetwork from parsed ranges, so each spelling parses; a row edited by hand fails loudly.
    private static IPv4Range Parse(string cidr) =>
        IPv4Range.TryParse(cidr, out var range) ? range : throw new InvalidDataException($"The stored IP rule '{cidr}' is not an IPv4 range.");
}
