using Coffer.Core.Errors;
using Coffer.Core.Secrets;

namespace Coffer.Core.Keys;

/// <summary>Key names follow the same rule as every Key Vault object name: 1–127 of <c>[0-9a-zA-Z-]</c>, case-insensitive.</summary>
public static class KeyName
{
    public static void Validate(string name)
    {
        if (!SecretName.IsValid(name))
        {
            var shown = name.Length <= 140 ? name : string.Concat(name.AsSpan(0, 140), "…");
            throw CofferErrors.BadParameter(
                $"The key name '{shown}' is invalid. A key name must be 1-127 characters long and contain only 0-9, a-z, A-Z and -.");
        }
    }

    /// <summary>The lookup key: names are case-insensitive, so the store indexes their lower-case form.</summary>
    public static string Key(string name) => name.ToLowerInvariant();
}
