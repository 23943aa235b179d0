namespace Coffer.Core.Identity;

/// <summary>
/// A password credential just created, with its secret: the one moment the secret exists outside the client.
/// A class, not a record, so that nothing prints <see cref="SecretText"/> by accident.
/// </summary>
public sealed class NewPassword
{
    public NewPassword(PasswordCredential credential, string secretText)
    {
        Credential = credential;
        SecretText = secretText;
    }

    public PasswordCredential Credential { get; }

    /// <summary>The secret. Never log it; Coffer keeps only its hash.</summary>
    public string SecretText { get; }
}
