namespace Coffer.Core.Identity;

/// <summary>How signing keys are rotated.</summary>
/// <param name="Period">How long a key signs before the next one takes over (default 30 days).</param>
/// <param name="PrePublication">
/// How long before it starts signing a new key is published in JWKS (default 1 day), so verifiers that cache the
/// key set know it before the first token carries it.
/// </param>
public sealed record SigningKeyRotation(TimeSpan Period, TimeSpan PrePublication)
{
    public static SigningKeyRotation Default { get; } = new(TimeSpan.FromDays(30), TimeSpan.FromDays(1));
}
