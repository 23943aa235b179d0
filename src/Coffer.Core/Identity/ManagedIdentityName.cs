using Coffer.Core.Errors;

namespace Coffer.Core.Identity;

/// <summary>Azure's rule for user-assigned identity names: 3–128 letters, digits, hyphens and underscores, starting with a letter or digit.</summary>
public static class ManagedIdentityName
{
    private const string Rule =
        "The name can be between 3 and 128 characters long and can contain only letters, numbers, hyphens and underscores. It must start with a letter or number.";

    public static bool IsValid(string name)
    {
        if (name.Length is < 3 or > 128 || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    public static string Validate(string name) =>
        IsValid(name) ? name : throw CofferErrors.InvalidResourceName(ResourceGroupName.Shorten(name), Rule);
}
