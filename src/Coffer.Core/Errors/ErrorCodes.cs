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
    public const string SecretDisabled = "SecretDisabled";
    public const string SecretNotFound = "SecretNotFound";
    public const string VaultNotFound = "VaultNotFound";
    public const string NotFound = "NotFound";
    public const string Conflict = "Conflict";
    public const string ObjectIsDeletedButRecoverable = "ObjectIsDeletedButRecoverable";
    public const string InternalError = "InternalError";
    public const string NotImplemented = "NotImplemented";
    public const string MissingApiVersionParameter = "MissingApiVersionParameter";
}
