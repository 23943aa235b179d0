using System.Globalization;
using System.Text;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>What the secret and key commands read from the command line (and <c>secret download</c> writes), the way az does.</summary>
internal static class SecretInput
{
    public static readonly string[] Encodings = ["utf-8", "utf-16le", "utf-16be", "ascii", "base64", "hex"];

    /// <summary>
    /// The value: <c>--value</c>, or the file given with <c>--file</c> read in <c>--encoding</c> (text encodings as text,
    /// <c>base64</c>/<c>hex</c> as the file's bytes so encoded). Exactly one of the two.
    /// </summary>
    public static string Value(CommandOptions options)
    {
        var value = options.Value("--value");
        var file = options.Value("--file");
        if ((value is null) == (file is null))
        {
            throw new UsageException("incorrect usage: [Required] --value VALUE | --file PATH");
        }

        if (file is null)
        {
            return value!; // one of the two is given, and it is not the file
        }

        var encoding = Encoding(options);
        try
        {
            return encoding switch
            {
                "base64" => Convert.ToBase64String(File.ReadAllBytes(file)),
                "hex" => Convert.ToHexStringLower(File.ReadAllBytes(file)),
                // Python's text mode reads every line ending as \n.
                _ => File.ReadAllText(file, TextEncoding(encoding)).ReplaceLineEndings("\n"),
            };
        }
        catch (DecoderFallbackException)
        {
            throw new CommandFailedException($"{file} is not {encoding} text; use --encoding base64 or hex for binary files.");
        }
    }

    /// <summary>
    /// The bytes <c>secret download</c> writes for <paramref name="value"/>: text encodings encode it, <c>base64</c> and
    /// <c>hex</c> decode it (the value was stored so encoded), as az writes the file.
    /// </summary>
    public static byte[] FileBytes(string value, string encoding)
    {
        try
        {
            return encoding switch
            {
                "base64" => Convert.FromBase64String(value),
                "hex" => Convert.FromHexString(value),
                _ => TextEncoding(encoding).GetBytes(value),
            };
        }
        catch (Exception e) when (e is FormatException or EncoderFallbackException)
        {
            throw new CommandFailedException($"The secret's value is not {encoding}; give --encoding with the one it was stored in.");
        }
    }

    /// <summary><c>--encoding</c>, default utf-8 (or <paramref name="fallback"/>); az records it as the tag <c>file-encoding</c>.</summary>
    public static string Encoding(CommandOptions options, string? fallback = null)
    {
        var encoding = (options.Value("--encoding") ?? fallback ?? "utf-8").ToLowerInvariant();
        return Encodings.Contains(encoding)
            ? encoding
            : throw new UsageException($"--encoding must be one of {string.Join(", ", Encodings)}, not '{encoding}'.");
    }

    /// <summary>az's <c>--tags a=b c=d</c>: a word without '=' is a tag with an empty value; <c>--tags ""</c> means none.</summary>
    public static Dictionary<string, string>? Tags(CommandOptions options)
    {
        if (!options.Has("--tags"))
        {
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in options.Values("--tags").Where(w => w.Length > 0))
        {
            var split = word.IndexOf('=', StringComparison.Ordinal);
            tags[split < 0 ? word : word[..split]] = split < 0 ? string.Empty : word[(split + 1)..];
        }

        return tags;
    }

    /// <summary><c>--expires</c> and <c>--not-before</c>: an ISO-8601 time, UTC unless it names an offset.</summary>
    public static DateTimeOffset? Time(CommandOptions options, string name)
    {
        if (options.Value(name) is not { } text)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new UsageException($"{name} needs an ISO-8601 time such as 2030-01-31T00:00:00Z, not '{text}'.");
    }

    /// <summary><c>--maxresults</c>: a positive number, or all when not given.</summary>
    public static int? MaxResults(CommandOptions options)
    {
        if (options.Value("--maxresults") is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new UsageException($"--maxresults needs a positive number, not '{text}'.");
    }

    private static Encoding TextEncoding(string name) => name switch
    {
        "utf-16le" => new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true),
        "utf-16be" => new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true),
        "ascii" => System.Text.Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
        _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
    };
}
