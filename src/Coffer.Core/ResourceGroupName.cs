using Coffer.Core.Errors;

namespace Coffer.Core;

/// <summary>ARM's rule for resource group names: 1–90 letters, digits, <c>_ - . ( )</c>, not ending in a period.</summary>
public static class ResourceGroupName
{
    public static string Validate(string name)
    {
        if (name.Length is < 1 or > 90 || name[^1] == '.')
        {
            throw CofferErrors.InvalidResourceGroup(Shorten(name));
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '(' or ')'))
            {
                throw CofferErrors.InvalidResourceGroup(Shorten(name));
            }
        }

        return name;
    }

    internal static string Shorten(string value) => value.Length <= 100 ? value : value[..100] + "…";
}
