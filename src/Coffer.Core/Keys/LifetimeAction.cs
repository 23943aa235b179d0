namespace Coffer.Core.Keys;

/// <summary>
/// One rotation-policy action: <c>Rotate</c> or <c>Notify</c>, triggered a duration after the latest version was created
/// or before it expires. The durations are kept as the caller wrote them, so a GET returns exactly what was PUT.
/// </summary>
public sealed record LifetimeAction(string Type, string? TimeAfterCreate, string? TimeBeforeExpiry)
{
    public const string Rotate = "Rotate";
    public const string Notify = "Notify";
}
