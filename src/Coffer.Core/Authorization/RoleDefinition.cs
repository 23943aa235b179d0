namespace Coffer.Core.Authorization;

/// <summary>
/// A role: a name, Azure's GUID for it, the data actions it allows on the data plane and the (management) actions it
/// allows on the management API, less its <c>NotActions</c>. In every list <c>*</c> matches any run of characters.
/// </summary>
public sealed record RoleDefinition(
    Guid Id, string Name, IReadOnlyList<string> DataActions, IReadOnlyList<string>? Actions = null, IReadOnlyList<string>? NotActions = null)
{
    public IReadOnlyList<string> Actions { get; } = Actions ?? [];

    public IReadOnlyList<string> NotActions { get; } = NotActions ?? [];

    /// <summary>Azure's description of the role, as the role definitions API returns it.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Whether the role allows a data-plane action.</summary>
    public bool Allows(string dataAction) => AnyMatches(DataActions, dataAction);

    /// <summary>Whether the role allows a management action.</summary>
    public bool AllowsManagement(string action) => AnyMatches(Actions, action) && !AnyMatches(NotActions, action);

    // Indexed: foreach over the interface would allocate an enumerator on every RBAC decision.
    private static bool AnyMatches(IReadOnlyList<string> patterns, string action)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (Matches(patterns[i], action))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> action)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return pattern.Equals(action, StringComparison.OrdinalIgnoreCase);
        }

        // As in Azure, a whole segment "/*/" may also stand for no segment at all: Managed Identity Operator's
        // "userAssignedIdentities/*/assign/action" covers "userAssignedIdentities/assign/action".
        if (star > 0 && pattern[star - 1] == '/' && star + 1 < pattern.Length && pattern[star + 1] == '/' &&
            Matches(string.Concat(pattern[..star], pattern[(star + 2)..]), action))
        {
            return true;
        }

        if (!action.StartsWith(pattern[..star], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = pattern[(star + 1)..];
        for (var i = star; i <= action.Length; i++)
        {
            if (Matches(rest, action[i..]))
            {
                return true;
            }
        }

        return false;
    }
}
