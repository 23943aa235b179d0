using Microsoft.Extensions.Logging;

namespace Coffer.Core;

/// <summary>Service principals' log messages (ids 1100–1149). Ids and names only: never a secret or its hash.</summary>
internal static partial class Log
{
    [LoggerMessage(1101, LogLevel.Information, "Created service principal {DisplayName} (object id {ObjectId}, app id {AppId}).", EventName = "ServicePrincipalCreated")]
    public static partial void ServicePrincipalCreated(ILogger logger, string displayName, Guid objectId, Guid appId);

    [LoggerMessage(1102, LogLevel.Information, "Deleted service principal {DisplayName} (object id {ObjectId}); its {CredentialCount} credentials are revoked.", EventName = "ServicePrincipalDeleted")]
    public static partial void ServicePrincipalDeleted(ILogger logger, string displayName, Guid objectId, int credentialCount);

    [LoggerMessage(1103, LogLevel.Information, "Added password credential {KeyId} to service principal {ObjectId}, valid until {End}.", EventName = "ServicePrincipalPasswordAdded")]
    public static partial void ServicePrincipalPasswordAdded(ILogger logger, Guid keyId, Guid objectId, DateTimeOffset end);

    [LoggerMessage(1104, LogLevel.Information, "Removed password credential {KeyId} from service principal {ObjectId}; its tokens are revoked.", EventName = "ServicePrincipalPasswordRemoved")]
    public static partial void ServicePrincipalPasswordRemoved(ILogger logger, Guid keyId, Guid objectId);

    [LoggerMessage(1105, LogLevel.Information, "Created the bootstrap administrator, service principal {DisplayName} (app id {AppId}), with Owner and Key Vault Administrator at '/'.", EventName = "BootstrapAdministratorCreated")]
    public static partial void BootstrapAdministratorCreated(ILogger logger, string displayName, Guid appId);

    [LoggerMessage(1106, LogLevel.Information, "The bootstrap administrator {DisplayName} is created by node {Holder}, which shows its secret; this node shows none.", EventName = "BootstrapAdministratorClaimed")]
    public static partial void BootstrapAdministratorClaimed(ILogger logger, string displayName, string holder);

    [LoggerMessage(1107, LogLevel.Warning, "Node {Holder} claimed the bootstrap administrator {DisplayName} more than {Lifetime} ago and never showed its secret; this node takes the claim over and shows a new secret.", EventName = "BootstrapAdministratorClaimTakenOver")]
    public static partial void BootstrapAdministratorClaimTakenOver(ILogger logger, string displayName, string holder, TimeSpan lifetime);
}
