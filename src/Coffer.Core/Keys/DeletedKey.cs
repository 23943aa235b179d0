namespace Coffer.Core.Keys;

/// <summary>A soft-deleted key: its latest version and when it was deleted and will be purged.</summary>
public sealed record DeletedKey(KeyVersion Latest, DateTimeOffset DeletedOn, DateTimeOffset ScheduledPurge);
