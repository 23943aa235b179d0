namespace Coffer.Core.Identity;

/// <summary>
/// A managed identity. Its workload credential (the App Service identity-header value) is kept only as a hash.
/// </summary>
public sealed record ManagedIdentity(Guid PrincipalId, string Name, Guid ClientId, byte[] CredentialHash, DateTimeOffset Created);
