namespace Coffer.Core.Network;

/// <summary>Azure's <c>publicNetworkAccess</c>: Disabled refuses every data-plane caller, whatever the IP rules say.</summary>
public enum PublicNetworkAccess
{
    Enabled,
    Disabled,
}
