namespace Coffer.Core.Errors;

/// <summary>Factories for every error Coffer returns, with Key Vault's status, code and wording.</summary>
public static class CofferErrors
{
    private const string RecoverHint =
        " If you recently deleted this secret you may be able to recover it using the correct recovery command." +
        " For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182";

    public static CofferException BadParameter(string message) => new(400, ErrorCodes.BadParameter, message);

    public static CofferException MissingToken() =>
        new(401, ErrorCodes.Unauthorized, "AKV10000: Request is missing a Bearer or PoP token.");

    public static CofferException InvalidToken(string reason) =>
        new(401, ErrorCodes.Unauthorized, $"AKV10032: Invalid token. {reason}");

    public static CofferException ForbiddenByRbac(string principalId, string action, string vaultName) =>
        new(403, ErrorCodes.Forbidden,
            $"Caller is not authorized to perform action on resource. If role assignments were recently changed, please wait several minutes for role assignments to become effective. " +
            $"Caller: oid={principalId}; Action: 'Microsoft.KeyVault/vaults/{action}'; Vault: {vaultName}",
            ErrorCodes.ForbiddenByRbac);

    /// <summary>The management API's 403, in ARM's words.</summary>
    public static CofferException AuthorizationFailed(string principalId, string action, string scope) =>
        new(403, ErrorCodes.AuthorizationFailed,
            $"The client '{principalId}' with object id '{principalId}' does not have authorization to perform action '{action}' over scope '{scope}' or the scope is invalid. " +
            "If access was recently granted, please refresh your credentials.");

    public static CofferException SecretDisabled() =>
        new(403, ErrorCodes.Forbidden, "Operation get is not allowed on a disabled secret.", ErrorCodes.SecretDisabled);

    public static CofferException VaultNotFound(string host) =>
        new(404, ErrorCodes.VaultNotFound, $"The vault for host '{host}' was not found. Check the vault name in the URL.");

    public static CofferException NotFound(string path) =>
        new(404, ErrorCodes.NotFound, $"The requested path '{path}' is not a Key Vault operation.");

    public static CofferException SecretNotFound(string name) =>
        new(404, ErrorCodes.SecretNotFound, $"A secret with (name/id) {name} was not found in this key vault." + RecoverHint);

    public static CofferException SecretVersionNotFound(string name, string version) =>
        new(404, ErrorCodes.SecretNotFound, $"A secret with (name/id) {name}/{version} was not found in this key vault." + RecoverHint);

    public static CofferException DeletedSecretNotFound(string name) =>
        new(404, ErrorCodes.SecretNotFound, $"Deleted Secret not found: {name}");

    public static CofferException SecretDeletedButRecoverable(string name) =>
        new(409, ErrorCodes.Conflict,
            $"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.",
            ErrorCodes.ObjectIsDeletedButRecoverable);

    public static CofferException SecretAlreadyExists(string name) =>
        new(409, ErrorCodes.Conflict, $"Secret {name} already exists in this vault (live or deleted); restore needs a free name.");

    public static CofferException NotImplemented(string feature) =>
        new(501, ErrorCodes.NotImplemented, $"Coffer does not implement {feature} yet. See the compatibility table in Coffer's README.");

    // The management API's errors, in ARM's words.
    public static CofferException MissingApiVersion() =>
        new(400, ErrorCodes.MissingApiVersionParameter, "The api-version query parameter (?api-version=) is required for all requests.");

    public static CofferException UnsupportedApiVersion(string apiVersion, string resourceType, string supported) =>
        new(400, ErrorCodes.NoRegisteredProviderFound,
            $"No registered resource provider found for location 'local' and API version '{apiVersion}' for type '{resourceType}'. The supported api-versions are '{supported}'.");

    public static CofferException SubscriptionNotFound(string subscriptionId) =>
        new(404, ErrorCodes.SubscriptionNotFound, $"The subscription '{subscriptionId}' could not be found.");

    public static CofferException ResourceNotFound(string resourceType, string name, string resourceGroup) =>
        new(404, ErrorCodes.ResourceNotFound,
            $"The Resource '{resourceType}/{name}' under resource group '{resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");

    public static CofferException InvalidResourceName(string name, string rule) =>
        new(400, ErrorCodes.InvalidResourceName, $"Resource name '{name}' is invalid. {rule}");

    public static CofferException InvalidResourceGroup(string name) =>
        new(400, ErrorCodes.InvalidResourceGroup,
            $"The resource group name '{name}' is invalid. It can be 1 to 90 characters long: letters, digits, underscores, hyphens, periods and parentheses, not ending in a period.");

    public static CofferException InvalidResourceLocation(string name, string location, string resourceGroup, string requested) =>
        new(409, ErrorCodes.InvalidResourceLocation,
            $"The resource '{name}' already exists in location '{location}' in resource group '{resourceGroup}'. A resource with the same name cannot be created in location '{requested}'. Please select a new resource name.");

    public static CofferException InvalidRequestContent(string message) => new(400, ErrorCodes.InvalidRequestContent, message);

    public static CofferException InvalidTag(string message) => new(400, ErrorCodes.InvalidTag, message);
}
