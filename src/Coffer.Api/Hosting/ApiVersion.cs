using Coffer.Core.Errors;

namespace Coffer.Api.Hosting;

/// <summary>
/// Accepts any plausible Key Vault api-version (7.0–7.6, previews, 2016-10-01, dated ones such as 2025-07-01);
/// the wire shape is the newest for all of them, which older clients ignore where it is new.
/// </summary>
internal static class ApiVersion
{
    public static string Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw CofferErrors.BadParameter("The request URI is missing the 'api-version' query parameter.");
        }

        if (!IsPlausible(value))
        {
            throw CofferErrors.BadParameter($"The 'api-version' query parameter is invalid: '{Truncate(value)}'. Use a Key Vault version such as 7.6 or 2025-07-01.");
        }

        return value;
    }

    internal static bool IsPlausible(ReadOnlySpan<char> value)
    {
        var preview = value.IndexOf("-preview", StringComparison.Ordinal);
        if (preview >= 0)
        {
            var suffix = value[(preview + "-preview".Length)..];
            if (!(suffix.IsEmpty || (suffix[0] == '.' && suffix.Length > 1 && AllDigits(suffix[1..]))))
            {
                return false;
            }

            value = value[..preview];
        }

        // 7.4 style
        var dot = value.IndexOf('.');
        if (dot > 0)
        {
            return dot <= 2 && AllDigits(value[..dot]) && value.Length - dot - 1 is >= 1 and <= 2 && AllDigits(value[(dot + 1)..]);
        }

        // 2025-07-01 style
        return value.Length == 10 && value[4] == '-' && value[7] == '-' &&
            AllDigits(value[..4]) && AllDigits(value[5..7]) && AllDigits(value[8..]);
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !s.IsEmpty;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
