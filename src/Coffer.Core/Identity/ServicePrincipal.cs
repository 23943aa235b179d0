namespace Coffer.Core.Identity;

/// <summary>
/// A service principal: an application identity that signs in with the client-credentials grant.
/// </summary>
/// <param name="ObjectId">The principal's object id (<c>oid</c>; what role assignments name).</param>
/// <param name="AppId">The client id the application signs in with (<c>appid</c>).</param>
/// <param name="DisplayName">Unique, compared case-insensitively.</param>
/// <param name="Created">When it was created.</param>
/// <param name="PasswordCredentials">Its client secrets, oldest first (hashes only).</param>
public sealed record ServicePrincipal(Guid ObjectId, Guid AppId, string DisplayName, DateTimeOffset Created, IReadOnlyList<PasswordCredential> PasswordCredentials);
