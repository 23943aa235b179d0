namespace Coffer.Core.Identity;

/// <summary>A change to the <see cref="CredentialDirectory"/>: live until a time, or revoked when <paramref name="LiveUntil"/> is null.</summary>
public sealed record CredentialChange(string CredentialId, DateTimeOffset? LiveUntil);
