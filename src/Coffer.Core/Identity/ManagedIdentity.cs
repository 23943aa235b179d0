namespace Coffer.Core.Identity;

/// <summary>
/// A user-assigned managed identity, an ARM resource of type <c>Microsoft.ManagedIdentity/userAssignedIdentities</c>.
/// Its workload credentials are kept apart (<see cref="WorkloadCredential"/>), only as hashes.
/// Names are unique per deployment (not only per resource group, as in Azure), so the identity port can select one by name.
/// </summary>
public sealed record ManagedIdentity(
    Guid PrincipalId,
    string Name,
    Guid ClientId,
    string ResourceGroup,
    string Location,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset Created)
{
    public const string ResourceType = "Microsoft.ManagedIdentity/userAssignedIdentities";

    /// <summary>The ARM resource id (also the token's <c>xms_mirid</c>).</summary>
    public string ResourceId(Guid subscriptionId) => ResourceIdOf(subscriptionId, ResourceGroup, Name);

    public static string ResourceIdOf(Guid subscriptionId, string resourceGroup, string name) =>
        $"/subscriptions/{subscriptionId:D}/resourceGroups/{resourceGroup}/providers/{ResourceType}/{name}";
}
