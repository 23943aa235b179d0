using Microsoft.Extensions.Logging;

namespace Coffer.Api;

/// <summary>Api's log messages (ids 3000–3999). Never a header, token, body or value.</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Error, "Unhandled {ExceptionType} for {Method} {Path}.", EventName = "UnhandledException")]
    public static partial void UnhandledException(ILogger logger, string method, string path, string exceptionType, Exception exception);

    [LoggerMessage(3002, LogLevel.Information, "Rejected a bearer token: {Reason}", EventName = "TokenRejected")]
    public static partial void TokenRejected(ILogger logger, string reason);

    [LoggerMessage(3003, LogLevel.Information, "Issued a token to managed identity {IdentityName} ({PrincipalId}) for {Resource}.", EventName = "ManagedIdentityTokenIssued")]
    public static partial void ManagedIdentityTokenIssued(ILogger logger, string identityName, Guid principalId, string resource);

    [LoggerMessage(3004, LogLevel.Warning, "Refused a managed-identity token request: {Reason}", EventName = "ManagedIdentityTokenRefused")]
    public static partial void ManagedIdentityTokenRefused(ILogger logger, string reason);

    [LoggerMessage(3005, LogLevel.Debug, "The {Protocol} managed-identity protocol served identity {IdentityName}.", EventName = "ManagedIdentityProtocol")]
    public static partial void ManagedIdentityProtocol(ILogger logger, string protocol, string identityName);
}
