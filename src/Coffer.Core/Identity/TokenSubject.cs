namespace Coffer.Core.Identity;

/// <summary>What a token says about its holder.</summary>
/// <param name="ObjectId">The principal's object id (<c>oid</c>, <c>sub</c>).</param>
/// <param name="AppId">The client (application) id (<c>appid</c>, <c>azp</c>).</param>
/// <param name="CredentialId">
/// The credential the token was issued against, so revoking it revokes the token. Required: it must be registered in
/// the <see cref="CredentialDirectory"/> or the token is refused.
/// </param>
/// <param name="ManagedIdentityResourceId">A managed identity's resource id (<c>xms_mirid</c>); null for other principals.</param>
/// <param name="Authentication">How the client proved itself (<c>appidacr</c>): Entra writes 2 for managed identities.</param>
public sealed record TokenSubject(
    Guid ObjectId,
    Guid AppId,
    string? CredentialId = null,
    string? ManagedIdentityResourceId = null,
    ClientAuthentication Authentication = ClientAuthentication.Certificate);
