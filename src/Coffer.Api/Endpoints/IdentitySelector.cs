using Coffer.Core.Identity;
using Microsoft.Extensions.Primitives;

namespace Coffer.Api.Endpoints;

/// <summary>
/// The user-assigned identity a managed-identity request names, if any: by client id (<c>client_id</c>, Azure ML's
/// <c>clientid</c>), object id (<c>object_id</c>, <c>principal_id</c>) or resource id (<c>mi_res_id</c>, IMDS's
/// <c>msi_res_id</c>, .NET's probe <c>msi-res-id</c>). Every selector given must name the same identity.
/// </summary>
internal sealed record IdentitySelector(string? ClientId, string? ObjectId, string? ResourceId)
{
    public bool IsEmpty => ClientId is null && ObjectId is null && ResourceId is null;

    public static IdentitySelector From(Func<string, StringValues> get) => new(
        First(get, "client_id", "clientid"),
        First(get, "object_id", "principal_id"),
        First(get, "mi_res_id", "msi_res_id", "msi-res-id"));

    public bool Matches(ManagedIdentity identity, string resourceId) =>
        SameGuid(ClientId, identity.ClientId) && SameGuid(ObjectId, identity.PrincipalId) &&
        (ResourceId is null || string.Equals(ResourceId.TrimEnd('/'), resourceId, StringComparison.OrdinalIgnoreCase));

    private static bool SameGuid(string? selector, Guid id) => selector is null || (Guid.TryParse(selector, out var value) && value == id);

    private static string? First(Func<string, StringValues> get, params string[] names)
    {
        foreach (var name in names)
        {
            var value = get(name).ToString();
            if (value.Length > 0)
            {
                return value;
            }
        }

        return null;
    }
}
