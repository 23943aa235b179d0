namespace Coffer.Core.Errors;

/// <summary>The management API's errors for alert rules, in ARM's words (400 <c>BadRequest</c> naming the property, 404 <c>ResourceNotFound</c>).</summary>
public static class AlertErrors
{
    public const string ResourceType = "Coffer.Alerts/alertRules";

    /// <summary>A property of an alert rule is missing or out of its range; <paramref name="property"/> is its ARM path (<c>properties.windowSize</c>).</summary>
    public static CofferException InvalidProperty(string property, string reason) =>
        new(400, ErrorCodes.BadRequest, $"The alert rule property '{property}' is invalid: {reason}");

    public static CofferException InvalidName(string name) =>
        CofferErrors.InvalidResourceName(
            name.Length <= 80 ? name : name[..80] + "…",
            "An alert rule name has 1 to 64 characters: letters, digits, '-', '_' and '.', starting with a letter or digit.");

    public static CofferException TooManyRules(int limit) =>
        new(400, ErrorCodes.BadRequest, $"The deployment already has {limit} alert rules, the most it may have; delete one first.");

    public static CofferException NotFound(string name, string resourceGroup) => CofferErrors.ResourceNotFound(ResourceType, name, resourceGroup);
}
