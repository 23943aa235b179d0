using Coffer.Core.Identity;

namespace Coffer.Api.Contracts;

/// <summary>Maps service principals to Graph's wire shapes; a secret appears only through <see cref="ToNewPassword"/>.</summary>
internal static class GraphMapper
{
    public static GraphServicePrincipal ToGraph(ServicePrincipal principal) => new()
    {
        Id = principal.ObjectId.ToString("D"),
        AppId = principal.AppId.ToString("D"),
        DisplayName = principal.DisplayName,
        PasswordCredentials = principal.PasswordCredentials.Select(ToGraph).ToList(),
    };

    public static GraphPasswordCredential ToGraph(PasswordCredential credential) => new()
    {
        KeyId = credential.KeyId.ToString("D"),
        Hint = credential.Hint,
        DisplayName = credential.DisplayName,
        StartDateTime = credential.Start,
        EndDateTime = credential.End,
    };

    public static GraphPasswordCredential ToNewPassword(NewPassword password) => new()
    {
        KeyId = password.Credential.KeyId.ToString("D"),
        SecretText = password.SecretText,
        Hint = password.Credential.Hint,
        DisplayName = password.Credential.DisplayName,
        StartDateTime = password.Credential.Start,
        EndDateTime = password.Credential.End,
    };
}
