using System.Text.RegularExpressions;
using Coffer.Core.Errors;

namespace Coffer.Api.Endpoints.Management;

/// <summary>
/// The role-assignment list <c>$filter</c> ARM accepts: <c>atScope()</c>, <c>principalId eq '{id}'</c> and
/// <c>assignedTo('{id}')</c>, alone or joined by <c>and</c>. Anything else is refused rather than ignored, so a
/// caller never mistakes an unfiltered list for a filtered one.
/// </summary>
internal sealed partial record RoleAssignmentFilter(bool AtScopeOnly, Guid? PrincipalId)
{
    public static RoleAssignmentFilter Parse(string filter)
    {
        var atScope = false;
        Guid? principal = null;
        if (string.IsNullOrWhiteSpace(filter))
        {
            return new RoleAssignmentFilter(atScope, principal);
        }

        foreach (var clause in AndSeparator().Split(filter.Trim()))
        {
            if (AtScope().IsMatch(clause))
            {
                atScope = true;
            }
            else if (Principal().Match(clause) is { Success: true } match && Guid.TryParse(match.Groups["id"].Value, out var id))
            {
                principal = id;
            }
            else
            {
                throw CofferErrors.InvalidFilter(filter);
            }
        }

        return new RoleAssignmentFilter(atScope, principal);
    }

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"^atScope\(\)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AtScope();

    [GeneratedRegex(@"^(?:principalId\s+eq\s+'(?<id>[^']*)'|assignedTo\('(?<id>[^']*)'\))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Principal();
}
