
namespace Coffer.Core.Crypto;

/// <summary>Base64url without padding, as Key Vault and JOSE use it; decoding also accepts padding and standard base64.</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) => Base64UrlEncoder(data);

    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        var normalized = text.TrimEnd('=').Replace('+', '-').Replace('/', '_');
        if (!System.Buffers.Text.Base64Url.IsValid(normalized))
        {
            return false;
        }

        bytes = System.Buffers.Text.Base64Url.DecodeFromChars(normalized);
        return true;
    }

    private static string Base64UrlEncoder(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);
}
