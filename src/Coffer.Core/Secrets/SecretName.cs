using Coffer.Core.Errors;

namespace Coffer.Core.Secrets;

/// <summary>Key Vault object names: 1–127 of <c>[0-9a-zA-Z-]</c>, compared case-insensitively.</summary>
public static class SecretName
{
    public const int MaxLength = 127;

    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    public static void Validate(string name)
    {
        if (!IsValid(name))
        {
            throw CofferErrors.BadParameter(
                $"The secret name '{Truncate(name)}' is invalid. A secret name must be 1-127 characters long and contain only 0-9, a-z, A-Z and -.");
        }
    }

    /// <summary>The lookup key: names are case-insensitive, so the store indexes their lower-case form.</summary>
    public static string Key(string name) => name.ToLowerInvariant();

    private static string Truncate(string name) => name.Length <= 140 ? name : string.Concat(name.AsSpan(0, 140), "…");
}
