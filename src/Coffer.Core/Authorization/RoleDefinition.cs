namespace Coffer.Core.Authorization;

/// <summary>A role: a name, Azure's GUID for it, and the data actions it allows (<c>*</c> matches any run of characters).</summary>
public sealed record RoleDefinition(Guid Id, string Name, IReadOnlyList<string> DataActions)
{
    public bool Allows(string action)
    {
        foreach (var pattern in DataActions)
        {
            if (Matches(pattern, action))
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
