using Coffer.Core.Errors;

namespace Coffer.Core.Keys;

/// <summary>
/// Key Vault's <c>kty</c> values and <c>key_ops</c> names. <c>-HSM</c> types are accepted and stored as software keys:
/// Coffer has no hardware-backed store, and its documentation says so.
/// </summary>
public static class KeyTypeRules
{
    public static readonly IReadOnlyList<string> All = ["EC", "EC-HSM", "RSA", "RSA-HSM", "oct", "oct-HSM"];

    public static readonly IReadOnlyList<string> Operations = ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey", "import", "export"];

    /// <summary>The <c>kty</c> in Key Vault's spelling, or a 400 naming the field.</summary>
    public static string Canonical(string? keyType)
    {
        foreach (var known in All)
        {
            if (string.Equals(known, keyType, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw CofferErrors.BadParameter(
            $"The parameter 'kty' has the value '{keyType}', which is not a key type. Valid values are: {string.Join(", ", All)}.");
    }

    /// <summary>The base type the cryptography works with: <c>RSA</c>, <c>EC</c> or <c>oct</c>.</summary>
    public static string Base(string keyType) =>
        keyType.EndsWith("-HSM", StringComparison.OrdinalIgnoreCase) ? keyType[..^4] : keyType;

    /// <summary>The operations Key Vault grants a key of this type when the caller names none.</summary>
    public static IReadOnlyList<string> DefaultOperations(string keyType) => Base(keyType) switch
    {
        "RSA" => ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"],
        "EC" => ["sign", "verify"],
        _ => ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
    };

    /// <summary>Checks <c>key_ops</c> names (Key Vault's spelling, compared case-insensitively) and returns them canonical and distinct.</summary>
    public static IReadOnlyList<string> ValidateOperations(IReadOnlyList<string>? operations, string keyType)
    {
        if (operations is null)
        {
            return DefaultOperations(keyType);
        }

        var result = new List<string>(operations.Count);
        foreach (var operation in operations)
        {
            var known = Operations.FirstOrDefault(o => string.Equals(o, operation, StringComparison.OrdinalIgnoreCase))
                ?? throw CofferErrors.BadParameter(
                    $"The parameter 'key_ops' has the value '{operation}', which is not a key operation. Valid values are: {string.Join(", ", Operations)}.");
            if (!result.Contains(known))
            {
                result.Add(known);
            }
        }

        return result;
    }
}
