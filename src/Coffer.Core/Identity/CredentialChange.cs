using System.Globalization;

namespace Coffer.Core.Identity;

/// <summary>A change to the <see cref="CredentialDirectory"/>: live until a time, or revoked when <paramref name="LiveUntil"/> is null.</summary>
public sealed record CredentialChange(string CredentialId, DateTimeOffset? LiveUntil)
{
    /// <summary>The change as a change-feed key: <c>{id}</c> for a revocation, <c>{id} {unix-ms}</c> for a live credential.</summary>
    public string ToKey() => LiveUntil is { } until
        ? string.Create(CultureInfo.InvariantCulture, $"{CredentialId} {until.ToUnixTimeMilliseconds()}")
        : CredentialId;

    /// <summary>Reads <see cref="ToKey"/>'s form; false for anything else.</summary>
    public static bool TryParse(string key, out CredentialChange change)
    {
        ArgumentNullException.ThrowIfNull(key);
        var space = key.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            change = new CredentialChange(key, null);
            return key.Length > 0;
        }

        if (space > 0 && long.TryParse(key.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            change = new CredentialChange(key[..space], DateTimeOffset.FromUnixTimeMilliseconds(ms));
            return true;
        }

        change = new CredentialChange(key, null);
        return false;
    }
}
