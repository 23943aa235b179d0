namespace Coffer.Core.Keys;

/// <summary>
/// What a caller sets on a key besides its material. On update a null member means "leave unchanged";
/// on create it means the default (enabled, no window, no tags, the type's default operations).
/// </summary>
public sealed record KeyChanges(
    bool? Enabled = null,
    DateTimeOffset? NotBefore = null,
    DateTimeOffset? Expires = null,
    IReadOnlyDictionary<string, string>? Tags = null,
    IReadOnlyList<string>? KeyOps = null);
