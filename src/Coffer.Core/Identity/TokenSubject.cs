namespace Coffer.Core.Identity;

/// <summary>What a token says about its holder.</summary>
/// <param name="ObjectId">The principal's object id (<c>oid</c>, <c>sub</c>).</param>
/// <param name="AppId">The client (application) id (<c>appid</c>, <c>azp</c>).</param>
/// <param name="CredentialId">The credential the token was issued against, so revoking it revokes the token.</param>
/// <param name="ManagedIdentityResourceId">A managed identity's resource id (<c>xms_mirid</c>); null for other principals.</param>
public sealed record TokenSubject(Guid ObjectId, Guid AppId, string? CredentialId = null, string? ManagedIdentityResourceId = null);
