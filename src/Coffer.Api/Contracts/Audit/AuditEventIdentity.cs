using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Audit;

/// <summary><c>identity</c>: the token's claims, keyed as Azure keys them (claim-type URIs for oid, upn and tid).</summary>
internal sealed class AuditEventIdentity
{
    public const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    public const string UpnClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
    public const string TenantIdClaim = "http://schemas.microsoft.com/identity/claims/tenantid";
    public const string AppIdClaim = "appid";

    [JsonPropertyName("claim")]
    public required Dictionary<string, string> Claim { get; init; }
}
