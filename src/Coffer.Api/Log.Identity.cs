using Microsoft.Extensions.Logging;

namespace Coffer.Api;

/// <summary>The token service's and directory's log messages (ids 3100–3149). Ids and names only: never a secret or token.</summary>
internal static partial class Log
{
    [LoggerMessage(3101, LogLevel.Information, "Issued a token to service principal {DisplayName} (app id {AppId}, credential {KeyId}) for {Resource}.", EventName = "ClientTokenIssued")]
    public static partial void ClientTokenIssued(ILogger logger, string displayName, Guid appId, Guid keyId, string resource);

    [LoggerMessage(3102, LogLevel.Information, "Refused a client-credentials token request: AADSTS{Code} {Error}.", EventName = "ClientTokenRefused")]
    public static partial void ClientTokenRefused(ILogger logger, int code, string error);
}
