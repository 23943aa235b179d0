using System.Net;
using Coffer.Core.Vaults;

namespace Coffer.Core.Network;

/// <summary>The data plane's network check, in Azure's order: public network access first, then the IP rules.</summary>
public static class VaultFirewall
{
    /// <summary>
    /// True when the vault lets every address in (public access on, default Allow): the request path then skips
    /// finding the caller's address at all.
    /// </summary>
    public static bool IsOpen(Vault vault)
    {
        ArgumentNullException.ThrowIfNull(vault);
        return vault.PublicNetworkAccess == PublicNetworkAccess.Enabled && vault.NetworkAcls.DefaultAction == NetworkDefaultAction.Allow;
    }

    /// <summary>Judges a caller at <paramref name="address"/> (null when it cannot be known: deny by default).</summary>
    public static FirewallVerdict Check(Vault vault, IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(vault);
        if (vault.PublicNetworkAccess == PublicNetworkAccess.Disabled)
        {
            return FirewallVerdict.ForbiddenByConnection;
        }

        return vault.NetworkAcls.Allows(address) ? FirewallVerdict.Allowed : FirewallVerdict.ForbiddenByFirewall;
    }
}
