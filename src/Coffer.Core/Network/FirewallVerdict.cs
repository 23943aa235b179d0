namespace Coffer.Core.Network;

/// <summary>What a vault's network settings say about one data-plane caller.</summary>
public enum FirewallVerdict
{
    Allowed,

    /// <summary>The firewall is on (default Deny) and the caller's address is in no rule, or is unknown.</summary>
    ForbiddenByFirewall,

    /// <summary><c>publicNetworkAccess</c> is Disabled: nobody reaches the vault (Coffer has no private links).</summary>
    ForbiddenByConnection,
}
