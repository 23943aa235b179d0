namespace Coffer.Core.Errors;

/// <summary>The keys API's errors, with Key Vault's status, code and wording. Messages never carry key material.</summary>
public static class KeyErrors
{
    public const string KeyNotFoundCode = "KeyNotFound";
    public const string KeyDisabledCode = "KeyDisabled";
    public const string KeyOperationForbiddenCode = "KeyOperationForbidden";
    public const string KeyExpiredCode = "KeyExpired";
    public const string KeyNotYetValidCode = "KeyNotYetValid";

    private const string RecoverHint =
        " If you recently deleted this key you may be able to recover it using the correct recovery command." +
        " For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182";

    public static CofferException KeyNotFound(string name) =>
        new(404, KeyNotFoundCode, $"A key with (name/id) {name} was not found in this key vault." + RecoverHint);

    public static CofferException KeyVersionNotFound(string name, string version) =>
        new(404, KeyNotFoundCode, $"A key with (name/id) {name}/{version} was not found in this key vault." + RecoverHint);

    public static CofferException DeletedKeyNotFound(string name) =>
        new(404, KeyNotFoundCode, $"Deleted Key not found: {name}");

    public static CofferException KeyDeletedButRecoverable(string name) =>
        new(409, ErrorCodes.Conflict,
            $"Key {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the key can only be recovered or purged.",
            ErrorCodes.ObjectIsDeletedButRecoverable);

    public static CofferException KeyAlreadyExists(string name) =>
        new(409, ErrorCodes.Conflict, $"Key {name} already exists in this vault (live or deleted); restore needs a free name.");

    public static CofferException KeyDisabled(string operation) =>
        new(403, ErrorCodes.Forbidden, $"Operation {operation} is not allowed on a disabled key.", KeyDisabledCode);

    public static CofferException KeyExpired(string operation) =>
        new(403, ErrorCodes.Forbidden, $"Operation {operation} is not allowed on an expired key.", KeyExpiredCode);

    public static CofferException KeyNotYetValid(string operation) =>
        new(403, ErrorCodes.Forbidden, $"Operation {operation} is not allowed on a key that is not yet valid.", KeyNotYetValidCode);

    public static CofferException OperationNotPermitted(string operation) =>
        new(403, ErrorCodes.Forbidden, $"Operation {operation} is not permitted on this key.", KeyOperationForbiddenCode);

    public static CofferException PurgeProtected(string name) =>
        new(403, ErrorCodes.Forbidden,
            $"Operation \"purge\" is not allowed because purge protection is enabled for this vault. Key {name} will be purged after its retention period.");

    /// <summary>Coffer has no attestation service, so it cannot honour a release policy or an exportable key.</summary>
    public static CofferException ReleaseNeedsAttestation(string field) =>
        CofferErrors.BadParameter(
            $"The parameter '{field}' asks for key release, which needs an attestation service; Coffer does not provide one, so keys cannot be exportable or carry a release policy.");

    /// <summary>Key Vault's answer to a release request for a key that has no release policy.</summary>
    public static CofferException NoReleasePolicy(string name) =>
        CofferErrors.BadParameter($"Key {name} has no release policy: only an exportable key with a release policy can be released.");
}
