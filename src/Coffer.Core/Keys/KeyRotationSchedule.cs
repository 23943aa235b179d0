namespace Coffer.Core.Keys;

/// <summary>
/// The rotation scheduler's decisions for one key, from its policy, its latest version and the time: whether to rotate,
/// whether a <c>Notify</c> moment has come, and the expiry a new version gets. Pure, so it is tested with plain values.
/// </summary>
public static class KeyRotationSchedule
{
    /// <summary>
    /// True when a <c>Rotate</c> action's moment has passed for the latest version. Because a rotation makes a new latest
    /// version created now, a due rotation happens once per trigger period, never twice for the same version.
    /// </summary>
    public static bool RotationDue(KeyRotationPolicy policy, KeyVersion latest, DateTimeOffset now)
    {
        var rotate = policy.LifetimeActions.FirstOrDefault(a => a.Type == LifetimeAction.Rotate);
        return rotate is not null && Moment(rotate, latest) is { } moment && now >= moment;
    }

    /// <summary>The moment a <c>Notify</c> action fires for the latest version, when it has come; null otherwise.</summary>
    public static DateTimeOffset? NotifyDue(KeyRotationPolicy policy, KeyVersion latest, DateTimeOffset now)
    {
        var notify = policy.LifetimeActions.FirstOrDefault(a => a.Type == LifetimeAction.Notify);
        return notify is not null && Moment(notify, latest) is { } moment && now >= moment ? moment : null;
    }

    /// <summary>The <c>exp</c> of a version the policy creates now: now plus <c>expiryTime</c>, or none.</summary>
    public static DateTimeOffset? ExpiryOfNewVersion(KeyRotationPolicy policy, DateTimeOffset now) =>
        policy.ExpiryTime is { } text && IsoDuration.TryParse(text, out var expiry) ? expiry.AddTo(now) : null;

    private static DateTimeOffset? Moment(LifetimeAction action, KeyVersion latest)
    {
        if (action.TimeAfterCreate is { } afterCreate && IsoDuration.TryParse(afterCreate, out var after))
        {
            return after.AddTo(latest.Created);
        }

        if (action.TimeBeforeExpiry is { } beforeExpiry && latest.Expires is { } expires && IsoDuration.TryParse(beforeExpiry, out var before))
        {
            return before.SubtractFrom(expires);
        }

        return null;
    }
}
