
namespace Coffer.Server;

/// <summary>Server's log messages (ids 4000–4999). Paths and names only: never a key, credential or token.</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "Created a new root key in {Path}.", EventName = "RootKeyCreated")]
    public static partial void RootKeyCreated(ILogger logger, string path);

    [LoggerMessage(4002, LogLevel.Warning,
        "The root key is stored unprotected next to the data it protects ({Path}): anyone who can copy the data directory can decrypt every secret. " +
        "In production keep the key elsewhere: set {Variable} or pass --root-key-file on a separate volume.", EventName = "RootKeyNextToData")]
    public static partial void RootKeyNextToData(ILogger logger, string path, string variable);

    [LoggerMessage(4003, LogLevel.Information, "Coffer is serving vaults at https://<vault>.{DnsSuffix}:{Port} and managed-identity tokens at http://127.0.0.1:{IdentityPort}{IdentityPath}; data in {DataDirectory}.", EventName = "Serving")]
    public static partial void Serving(ILogger logger, string dnsSuffix, int port, int identityPort, string identityPath, string dataDirectory);

    [LoggerMessage(4005, LogLevel.Error, "The purge of expired soft-deleted objects failed; it will be retried.", EventName = "PurgeFailed")]
    public static partial void PurgeFailed(ILogger logger, Exception exception);

    [LoggerMessage(4006, LogLevel.Error, "Signing-key rotation or revocation upkeep failed; it will be retried.", EventName = "TokenMaintenanceFailed")]
    public static partial void TokenMaintenanceFailed(ILogger logger, Exception exception);

    [LoggerMessage(4401, LogLevel.Error, "A pass of the key rotation job failed; it will be retried.", EventName = "KeyRotationPassFailed")]
    public static partial void KeyRotationPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(6050, LogLevel.Information, "Storing in PostgreSQL database {Database} on {Host}; the data directory keeps this node's TLS CA and lock.", EventName = "PostgresStore")]
    public static partial void PostgresStore(ILogger logger, string? database, string? host);
}
