using Coffer.Core.Errors;

namespace Coffer.Core.Vaults;

/// <summary>Azure's vault name rule: 3–24 letters, digits and single hyphens, starting with a letter, not ending with a hyphen.</summary>
public static class VaultName
{
    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.Length is < 3 or > 24 || !char.IsAsciiLetter(name[0]) || name[^1] == '-')
        {
            return false;
        }

        for (var i = 1; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '-' ? name[i - 1] == '-' : !char.IsAsciiLetterOrDigit(c))
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
                $"The vault name '{name}' is invalid. A vault name must be 3-24 characters long, start with a letter, contain only letters, digits and single hyphens, and not end with a hyphen.");
        }
    }
}
