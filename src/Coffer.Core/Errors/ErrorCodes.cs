namespace Coffer.Core.Errors;

/// <summary>Key Vault's error codes, as they appear in <c>error.code</c> and <c>innererror.code</c>.</summary>
public static class ErrorCodes
{
    public const string BadParameter = "BadParameter";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string InvalidAuthenticationToken = "InvalidAuthenticationToken";
    public const string AuthorizationFailed = "AuthorizationFailed";
    public const string ForbiddenByRbac = "ForbiddenByRbac";
    public const string AccessDenied = "AccessDenied";
    public const string BadRequest = "BadRequest";
    public const string InvalidScope = "InvalidScope";
    public const string SubscriptionNotFound = "SubscriptionNotFound";
    public const string MissingApiVersionParameter = "MissingApiVersionParameter";
    public const string InvalidPrincipalId = "InvalidPrincipalId";
    public const string InvalidRequestContent = "InvalidRequestContent";
    public const string UnsupportedQuery = "UnsupportedQuery";
    public const string InvalidRoleAssignmentId = "InvalidRoleAssignmentId";
    public const string RoleAssignmentExists = "RoleAssignmentExists";
    public const string RoleAssignmentUpdateNotPermitted = "RoleAssignmentUpdateNotPermitted";
    public const string RoleAssignmentNotFound = "RoleAssignmentNotFound";
    public const string RoleDefinitionDoesNotExist = "RoleDefinitionDoesNotExist";
    public const string VaultNameNotValid = "VaultNameNotValid";
    public const string VaultAlreadyExists = "VaultAlreadyExists";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string SecretDisabled = "SecretDisabled";
    public const string SecretNotFound = "SecretNotFound";
    public const string VaultNotFound = "VaultNotFound";
    public const string NotFound = "NotFound";
    public const string Conflict = "Conflict";
    public const string ObjectIsDeletedButRecoverable = "ObjectIsDeletedButRecoverable";
    public const string InternalError = "InternalError";
    public const string NotImplemented = "NotImplemented";

    // ARM's codes, for the management API.
    public const string NoRegisteredProviderFound = "NoRegisteredProviderFound";
    public const string InvalidResourceName = "InvalidResourceName";
    public const string InvalidResourceGroup = "InvalidResourceGroup";
    public const string InvalidResourceLocation = "InvalidResourceLocation";
    public const string InvalidTag = "InvalidTag";
    public const string ConflictError = "ConflictError";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string ScopeLocked = "ScopeLocked";
    public const string LockNotFound = "LockNotFound";
    public const string ServiceUnavailable = "ServiceUnavailable";
}
