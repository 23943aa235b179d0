namespace Coffer.Core.Secrets;

/// <summary>A soft-deleted secret: its latest version and when it was deleted and will be purged.</summary>
public sealed record DeletedSecret(SecretVersion Latest, DateTimeOffset DeletedOn, DateTimeOffset ScheduledPurge);
