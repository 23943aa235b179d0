namespace Coffer.Core.Secrets;

/// <summary>
/// What a caller sets on a secret besides its value. On update a null member means "leave unchanged";
/// on set it means the default (enabled, no window, no content type, no tags).
/// </summary>
public sealed record SecretAttributes(
    bool? Enabled = null,
    DateTimeOffset? NotBefore = null,
    DateTimeOffset? Expires = null,
    string? ContentType = null,
    IReadOnlyDictionary<string, string>? Tags = null);
