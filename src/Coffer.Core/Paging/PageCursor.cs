using System.Globalization;
using System.Text;
using Coffer.Core.Crypto;
using Coffer.Core.Errors;

namespace Coffer.Core.Paging;

/// <summary>
/// Encodes list cursors as Key Vault's opaque <c>$skiptoken</c> and validates <c>maxresults</c>.
/// A cursor is a position (a name key or a sequence), not an offset, so pages stay stable while items are added.
/// </summary>
public static class PageCursor
{
    public const int MaxPageSize = 25;

    public static int ValidatePageSize(int? maxResults)
    {
        var size = maxResults ?? MaxPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            throw CofferErrors.BadParameter($"The parameter 'maxresults' must be between 1 and {MaxPageSize}; it was {size}.");
        }

        return size;
    }

    public static string FromName(string nameKey) => Base64Url.Encode(Encoding.UTF8.GetBytes("n:" + nameKey));

    public static string FromSequence(long sequence) =>
        Base64Url.Encode(Encoding.UTF8.GetBytes("s:" + sequence.ToString(CultureInfo.InvariantCulture)));

    public static string? ToName(string? token)
    {
        if (token is null)
        {
            return null;
        }

        var text = Decode(token);
        return text.StartsWith("n:", StringComparison.Ordinal) ? text[2..] : throw Invalid();
    }

    public static long ToSequence(string? token)
    {
        if (token is null)
        {
            return 0;
        }

        var text = Decode(token);
        return text.StartsWith("s:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw Invalid();
    }

    private static string Decode(string token)
    {
        if (!Base64Url.TryDecode(token, out var bytes))
        {
            throw Invalid();
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid();
        }
    }

    private static CofferException Invalid() => CofferErrors.BadParameter("The parameter '$skiptoken' is not a token this vault issued.");
}
