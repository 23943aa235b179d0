using Coffer.Core.Errors;

namespace Coffer.Core.Identity;

/// <summary>ARM's documented tag limits: at most 50 tags, names of 1–512 characters, values of at most 256.</summary>
public static class ResourceTags
{
    public const int MaxCount = 50;
    public const int MaxNameLength = 512;
    public const int MaxValueLength = 256;

    public static IReadOnlyDictionary<string, string> Validate(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        if (tags.Count > MaxCount)
        {
            throw CofferErrors.InvalidTag($"The resource has {tags.Count} tags; at most {MaxCount} are allowed.");
        }

        foreach (var (name, value) in tags)
        {
            if (name.Length is 0 or > MaxNameLength)
            {
                throw CofferErrors.InvalidTag($"Tag names must be 1 to {MaxNameLength} characters long.");
            }

            if (value.Length > MaxValueLength)
            {
                throw CofferErrors.InvalidTag($"The value of tag '{ResourceGroupName.Shorten(name)}' is longer than {MaxValueLength} characters.");
            }
        }

        return tags;
    }
}
