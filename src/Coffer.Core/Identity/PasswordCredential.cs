namespace Coffer.Core.Identity;

/// <summary>
/// A client secret of a service principal. The secret itself is shown once, when it is created; only its SHA-256
/// hash is kept, and <paramref name="Hint"/> (its first three characters) lets a user tell secrets apart.
/// </summary>
/// <param name="KeyId">The credential id: named in every token issued against it, so removing it revokes them.</param>
/// <param name="DisplayName">A label the user chose.</param>
/// <param name="Hint">The secret's first three characters.</param>
/// <param name="Start">When the secret becomes valid.</param>
/// <param name="End">When it expires, and every token issued against it with it.</param>
/// <param name="SecretHash">SHA-256 of the secret's UTF-8 bytes.</param>
public sealed record PasswordCredential(Guid KeyId, string? DisplayName, string Hint, DateTimeOffset Start, DateTimeOffset End, byte[] SecretHash)
{
    /// <summary>The id under which the credential is live in the <see cref="CredentialDirectory"/>.</summary>
    public string CredentialId => KeyId.ToString("D");

    /// <summary>Never prints the hash: records print every property otherwise.</summary>
    public override string ToString() => $"PasswordCredential {{ KeyId = {KeyId:D}, DisplayName = {DisplayName}, Hint = {Hint}, Start = {Start:O}, End = {End:O} }}";
}
