using Coffer.Core.Identity;
using Coffer.Core.Vaults;

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

    /// <summary>
    /// Key Vault's RBAC denial, in its words: the caller, the data action and the resource (the vault, or the object the
    /// operation acts on). It never names more of the request than that.
    /// </summary>
    public static CofferException ForbiddenByRbac(Principal caller, string action, string resource, Vault vault) =>
        new(403, ErrorCodes.Forbidden,
            "Caller is not authorized to perform action on resource.\r\n" +
            "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n" +
            $"Caller: {CallerOf(caller)}\r\n" +
            $"Action: '{action}'\r\n" +
            $"Resource: '{resource.ToLowerInvariant()}'\r\n" +
            "Assignment: (not found)\r\n" +
            "DenyAssignmentId: null\r\n" +
            "DecisionReason: 'DeniedWithNoValidRBAC' \r\n" +
            $"Vault: {vault.Name};location={vault.Location}\r\n",
            ErrorCodes.ForbiddenByRbac);

    /// <summary>Key Vault's access-policy denial: the caller lacks a permission (<c>secrets get</c>) on the vault.</summary>
    public static CofferException AccessDenied(Principal caller, string kind, string permission, Vault vault) =>
        new(403, ErrorCodes.Forbidden,
            $"The user, group or application '{CallerOf(caller)}' does not have {kind} {permission} permission on key vault '{vault.Name};location={vault.Location}'. " +
            "For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287",
            ErrorCodes.AccessDenied);

    /// <summary>ARM's 400 for a scope it cannot parse.</summary>
    public static CofferException InvalidScope(string scope) =>
        new(400, ErrorCodes.InvalidScope, $"The scope '{scope}' is not valid. A scope is '/', '/subscriptions/{{id}}', a resource group, a vault or one secret, key or certificate of a vault.");

    public static CofferException SubscriptionNotFound(string subscriptionId) =>
        new(404, ErrorCodes.SubscriptionNotFound, $"The subscription '{subscriptionId}' could not be found.");

    /// <summary>ARM's generic 400 for a body it refuses, naming the field.</summary>
    public static CofferException ArmBadRequest(string message) => new(400, ErrorCodes.BadRequest, message);

    public static CofferException MissingApiVersion() =>
        new(400, ErrorCodes.MissingApiVersionParameter, "The api-version query parameter (?api-version=) is required for all requests.");

    public static CofferException InvalidPrincipalId(string? principalId) =>
        new(400, ErrorCodes.InvalidPrincipalId, $"The principal ID '{principalId}' is not valid. The principal ID must be a GUID.");

    /// <summary>ARM's 400 for a body that is not JSON of the operation's shape (the content itself is never echoed).</summary>
    public static CofferException InvalidFilter(string filter) =>
        new(400, ErrorCodes.UnsupportedQuery, $"The filter '{filter}' is not supported. Supported filters are atScope(), principalId eq '{{id}}', assignedTo('{{id}}') and roleName eq '{{name}}'.");

    /// <summary>ARM's 404 for a management path Coffer does not serve.</summary>
    public static CofferException ManagementPathNotFound(string path) =>
        new(404, ErrorCodes.NotFound, $"The resource path '{path}' is not a management operation Coffer serves.");

    public static CofferException InvalidRoleAssignmentId(string name) =>
        new(400, ErrorCodes.InvalidRoleAssignmentId, $"The role assignment ID '{name}' is not valid. The role assignment ID must be a GUID.");

    public static CofferException RoleAssignmentExists() =>
        new(409, ErrorCodes.RoleAssignmentExists, "The role assignment already exists.");

    public static CofferException RoleAssignmentUpdateNotPermitted() =>
        new(400, ErrorCodes.RoleAssignmentUpdateNotPermitted, "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");

    public static CofferException RoleAssignmentNotFound(string name) =>
        new(404, ErrorCodes.RoleAssignmentNotFound, $"The role assignment '{name}' is not found.");

    public static CofferException RoleDefinitionDoesNotExist(string id) =>
        new(400, ErrorCodes.RoleDefinitionDoesNotExist, $"The specified role definition with ID '{id}' does not exist.");

    public static CofferException RoleDefinitionNotFound(string id) =>
        new(404, ErrorCodes.RoleDefinitionDoesNotExist, $"The specified role definition with ID '{id}' does not exist.");

    public static CofferException VaultNameNotValid(string name) =>
        new(400, ErrorCodes.VaultNameNotValid,
            $"The vault name '{name}' is invalid. A vault's name must be between 3-24 alphanumeric characters. The name must begin with a letter, end with a letter or digit, and not contain consecutive hyphens.");

    public static CofferException VaultAlreadyExists(string name) =>
        new(409, ErrorCodes.VaultAlreadyExists, $"The vault name '{name}' is already in use. Vault names are globally unique so it is possible that the name is already taken.");

    /// <summary>ARM's 404 for a resource absent from the resource group named in the path.</summary>
    private static string CallerOf(Principal caller) =>
        caller.AppId is { Length: > 0 } appId ? $"appid={appId};oid={caller.ObjectId:D}" : $"oid={caller.ObjectId:D}";

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
    public static CofferException UnsupportedApiVersion(string apiVersion, string resourceType, string supported) =>
        new(400, ErrorCodes.NoRegisteredProviderFound,
            $"No registered resource provider found for location 'local' and API version '{apiVersion}' for type '{resourceType}'. The supported api-versions are '{supported}'.");

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

    // Keys: the cryptography library's errors (Core/Keys/Cryptography). Where Key Vault's wording is known it is kept
    // verbatim ("Invalid length of 'value'…", "Unsupported key size (…)…", "Key and signing algorithm are incompatible…");
    // the rest follow the same pattern. None of them names key material or the data being processed.
    private const string KeySizeNotSupportedCode = "KeySizeNotSupported";
    private const string KeyTypeNotSupportedCode = "KeyTypeNotSupported";

    public static CofferException InvalidKeyType(string? keyType) =>
        new(400, ErrorCodes.BadParameter, $"Invalid kty value: {keyType}", KeyTypeNotSupportedCode);

    public static CofferException UnsupportedKeySize(int keySize, IEnumerable<int> supported) =>
        new(400, ErrorCodes.BadParameter,
            $"Unsupported key size ({keySize}). Supported sizes are [{string.Join(", ", supported)}]", KeySizeNotSupportedCode);

    public static CofferException UnsupportedCurve(string? curve, IEnumerable<string> supported) =>
        new(400, ErrorCodes.BadParameter, $"Unsupported curve ({curve}). Supported curves are [{string.Join(", ", supported)}]");

    public static CofferException UnsupportedPublicExponent(int publicExponent) =>
        new(400, ErrorCodes.BadParameter, $"Unsupported public exponent ({publicExponent}). Supported exponents are [65537]");

    /// <summary>An algorithm name Key Vault does not know for the operation at all.</summary>
    public static CofferException InvalidAlgorithm() =>
        new(400, ErrorCodes.BadParameter, "Property alg has invalid value\r\n");

    /// <summary>A known algorithm that the key's type cannot do (<c>ES256</c> with an RSA key, <c>RSA-OAEP</c> with an oct key).</summary>
    public static CofferException AlgorithmIncompatibleWithKeyType(string operationKind, string keyType, string algorithm) =>
        new(400, ErrorCodes.BadParameter,
            $"Key and {operationKind} algorithm are incompatible. Key type '{keyType}' cannot be used with algorithm '{algorithm}'.");

    public static CofferException AlgorithmIncompatibleWithCurve(string curve, string algorithm, string requiredCurve) =>
        new(400, ErrorCodes.BadParameter,
            $"Key and signing algorithm are incompatible. Key uses curve '{curve}', and algorithm '{algorithm}' can only be used with curve '{requiredCurve}'.");

    public static CofferException AlgorithmIncompatibleWithKeySize(string operationKind, int keySize, string algorithm, int requiredSize) =>
        new(400, ErrorCodes.BadParameter,
            $"Key and {operationKind} algorithm are incompatible. Key size is {keySize} bits, and algorithm '{algorithm}' can only be used with a {requiredSize}-bit key.");

    /// <summary>An input of the wrong size for the algorithm: a digest, an RSA plaintext, a CBC block, a key to wrap, an iv or tag.</summary>
    public static CofferException InvalidInputLength(string property, int length, string algorithm, string requirement) =>
        new(400, ErrorCodes.BadParameter,
            $"Invalid length of '{property}': {length} bytes. {algorithm} requires {requirement}, encoded with base64url.");

    public static CofferException MissingKeyOperationParameter(string property, string algorithm) =>
        new(400, ErrorCodes.BadParameter, $"Property {property} is required for algorithm {algorithm}.");

    /// <summary>A ciphertext, tag or wrapped key that does not decrypt: tampered, truncated, or made with another key.</summary>
    public static CofferException DecryptionFailed(string algorithm) =>
        new(400, ErrorCodes.BadParameter, $"The value could not be decrypted with this key and algorithm {algorithm}.");

    public static CofferException JwkMissingField(string keyType, string field) =>
        new(400, ErrorCodes.BadParameter,
            $"Invalid JSON Web Key: a key of type '{keyType}' needs property '{field}'. Imported keys must include their private parts.");

    public static CofferException JwkInvalidField(string field, string reason) =>
        new(400, ErrorCodes.BadParameter, $"Invalid JSON Web Key: property '{field}' {reason}.");
    /// <summary>Key Vault's 409 for creating a vault whose name a soft-deleted vault still holds.</summary>
    public static CofferException VaultExistsInDeletedState() =>
        new(409, ErrorCodes.ConflictError,
            "A vault with the same name already exists in deleted state. You need to either recover or purge existing key vault. " +
            "Follow this link https://go.microsoft.com/fwlink/?linkid=2149745 for more information on soft delete.");

    /// <summary>Key Vault's refusal to purge a deleted vault that purge protection holds until its scheduled purge date.</summary>
    public static CofferException DeletedVaultPurgeNotAllowed() =>
        new(405, ErrorCodes.MethodNotAllowed, "Operation 'DeletedVaultPurge' is not allowed.");

    public static CofferException RetentionCannotChange() =>
        ArmBadRequest("The property \"softDeleteRetentionInDays\" has been set already and it can't be modified.");

    /// <summary>ARM's 404 for a deleted vault that is not there (a subscription-level resource, so no resource group).</summary>
    public static CofferException DeletedVaultNotFound(string name) =>
        new(404, ErrorCodes.ResourceNotFound,
            $"The Resource 'Microsoft.KeyVault/deletedVaults/{name}' under resource group '<null>' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");

    /// <summary>
    /// ARM's 409 when a management lock forbids the operation: <paramref name="operation"/> is <c>write</c> or
    /// <c>delete</c>, and the message lists the scopes whose locks apply.
    /// </summary>
    public static CofferException ScopeLocked(string scope, string operation, IEnumerable<string> lockedScopes) =>
        new(409, ErrorCodes.ScopeLocked,
            $"The scope '{scope}' cannot perform {operation} operation because following scope(s) are locked: '{string.Join("','", lockedScopes)}'. Please remove the lock and try again.");

    public static CofferException LockNotFound(string name) =>
        new(404, ErrorCodes.LockNotFound, $"The lock '{name}' could not be found.");

    /// <summary>Key Vault's 403 for purging an object of a vault with purge protection (the purge job alone may remove it).</summary>
    public static CofferException PurgeProtected() =>
        new(403, ErrorCodes.Forbidden,
            "Operation \"purge\" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.");

    /// <summary>The audit record of the request could not be made durable, so it was not served (Coffer fails closed).</summary>
    public static CofferException AuditUnavailable() =>
        new(503, ErrorCodes.ServiceUnavailable, "The request was not served because its audit record could not be written. Retry later.");
}
