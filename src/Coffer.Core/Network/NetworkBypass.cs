namespace Coffer.Core.Network;

/// <summary>
/// Azure's <c>networkAcls.bypass</c>. Kept and returned as given; it changes nothing in Coffer, which has no trusted
/// Microsoft services to let through.
/// </summary>
public enum NetworkBypass
{
    AzureServices,
    None,
}
