using System.Text;
using Coffer.Core.Errors;

namespace Coffer.Core.Secrets;

/// <summary>Key Vault's documented limits on a secret's value, content type and tags.</summary>
public static class SecretLimits
{
    public const int MaxValueBytes = 25 * 1024;
    public const int MaxContentTypeLength = 255;
    public const int MaxTags = 15;
    public const int MaxTagNameLength = 256;
    public const int MaxTagValueLength = 256;

    public static void ValidateValue(string value)
    {
        if (Encoding.UTF8.GetByteCount(value) > MaxValueBytes)
        {
            throw CofferErrors.BadParameter($"The parameter 'value' is too large: a secret value can be at most {MaxValueBytes} bytes.");
        }
    }

    public static void ValidateContentType(string? contentType)
    {
        if (contentType is { Length: > MaxContentTypeLength })
        {
            throw CofferErrors.BadParameter($"The parameter 'contentType' is too long: at most {MaxContentTypeLength} characters.");
        }
    }

    public static void ValidateTags(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > MaxTags)
        {
            throw CofferErrors.BadParameter($"The parameter 'tags' has {tags.Count} tags: at most {MaxTags} are allowed.");
        }

        foreach (var (name, value) in tags)
        {
            if (name.Length is 0 or > MaxTagNameLength)
            {
                throw CofferErrors.BadParameter($"The parameter 'tags' has a tag name of {name.Length} characters: tag names are 1-{MaxTagNameLength} characters.");
            }

            if (value is null || value.Length > MaxTagValueLength)
            {
                throw CofferErrors.BadParameter($"The parameter 'tags' has a value for '{name}' that is missing or longer than {MaxTagValueLength} characters.");
            }
        }
    }
}
