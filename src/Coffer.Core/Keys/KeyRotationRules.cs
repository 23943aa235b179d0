using Coffer.Core.Errors;

namespace Coffer.Core.Keys;

/// <summary>
/// Key Vault's rules for a rotation policy: ISO 8601 durations, at least 7 days after creation or before expiry,
/// <c>expiryTime</c> of at least 28 days, a <c>Rotate</c> before expiry only with an <c>expiryTime</c>, <c>Notify</c>
/// only before expiry, and one action of each type.
/// </summary>
public static class KeyRotationRules
{
    public static readonly TimeSpan MinimumTrigger = TimeSpan.FromDays(7);
    public static readonly TimeSpan MinimumExpiry = TimeSpan.FromDays(28);

    /// <summary>Checks a policy as sent and returns it with action types in Key Vault's spelling; a 400 names the field otherwise.</summary>
    public static KeyRotationPolicy Validate(IReadOnlyList<LifetimeAction>? actions, string? expiryTime, DateTimeOffset now, DateTimeOffset? created)
    {
        IsoDuration? expiry = null;
        if (expiryTime is not null)
        {
            var parsed = Parse(expiryTime, "attributes.expiryTime");
            if (parsed.Shortest < MinimumExpiry)
            {
                throw CofferErrors.BadParameter($"The parameter 'attributes.expiryTime' is '{expiryTime}': a key's expiry time must be at least 28 days (P28D).");
            }

            expiry = parsed;
        }

        var result = new List<LifetimeAction>();
        for (var i = 0; i < (actions?.Count ?? 0); i++)
        {
            var action = actions![i]; // the loop bound is 0 when actions is null
            var field = $"lifetimeActions[{i}]";
            var type = action.Type switch
            {
                _ when string.Equals(action.Type, LifetimeAction.Rotate, StringComparison.OrdinalIgnoreCase) => LifetimeAction.Rotate,
                _ when string.Equals(action.Type, LifetimeAction.Notify, StringComparison.OrdinalIgnoreCase) => LifetimeAction.Notify,
                _ => throw CofferErrors.BadParameter($"The parameter '{field}.action.type' is '{action.Type}': an action type is Rotate or Notify."),
            };
            if (result.Any(a => a.Type == type))
            {
                throw CofferErrors.BadParameter($"The parameter 'lifetimeActions' has more than one {type} action: at most one of each type is allowed.");
            }

            if ((action.TimeAfterCreate is null) == (action.TimeBeforeExpiry is null))
            {
                throw CofferErrors.BadParameter($"The parameter '{field}.trigger' must have exactly one of timeAfterCreate and timeBeforeExpiry.");
            }

            if (action.TimeAfterCreate is { } afterCreate)
            {
                if (type == LifetimeAction.Notify)
                {
                    throw CofferErrors.BadParameter($"The parameter '{field}.trigger' of a Notify action must be timeBeforeExpiry.");
                }

                var duration = CheckMinimum(afterCreate, $"{field}.trigger.timeAfterCreate");
                if (expiry is { } e && duration.Longest >= e.Shortest)
                {
                    throw CofferErrors.BadParameter($"The parameter '{field}.trigger.timeAfterCreate' is '{afterCreate}': it must be shorter than the expiry time '{expiryTime}'.");
                }
            }
            else
            {
                var beforeExpiry = action.TimeBeforeExpiry!; // exactly one trigger is set, checked above
                var duration = CheckMinimum(beforeExpiry, $"{field}.trigger.timeBeforeExpiry");
                if (type == LifetimeAction.Rotate && expiry is null)
                {
                    throw CofferErrors.BadParameter($"The parameter '{field}.trigger.timeBeforeExpiry' needs 'attributes.expiryTime': a key rotated before expiry must have an expiry time.");
                }

                if (expiry is { } e && duration.Longest >= e.Shortest)
                {
                    throw CofferErrors.BadParameter($"The parameter '{field}.trigger.timeBeforeExpiry' is '{beforeExpiry}': it must be shorter than the expiry time '{expiryTime}'.");
                }
            }

            result.Add(new LifetimeAction(type, action.TimeAfterCreate, action.TimeBeforeExpiry));
        }

        return new KeyRotationPolicy(result, expiryTime, created ?? now, now);
    }

    private static IsoDuration CheckMinimum(string text, string field)
    {
        var duration = Parse(text, field);
        if (duration.Shortest < MinimumTrigger)
        {
            throw CofferErrors.BadParameter($"The parameter '{field}' is '{text}': a rotation trigger must be at least 7 days (P7D).");
        }

        return duration;
    }

    private static IsoDuration Parse(string text, string field) =>
        IsoDuration.TryParse(text, out var duration)
            ? duration
            : throw CofferErrors.BadParameter($"The parameter '{field}' is '{text}', which is not an ISO 8601 duration such as P30D or P1Y.");
}
