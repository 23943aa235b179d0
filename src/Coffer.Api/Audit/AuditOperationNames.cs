using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Audit;

/// <summary>
/// Operation names for endpoints that dispatch on the path themselves: key operations
/// (<c>/keys/{name}[/{version}]/{operation}</c>) and the ARM-shaped management API. Key Vault's names where it has
/// them; the others follow its ObjectVerb pattern and are listed in docs/audit.md.
/// </summary>
internal static class AuditOperationNames
{
    public static string KeyOperation(HttpContext context)
    {
        var operation = context.Request.RouteValues["operation"] as string ?? "";
        var verb = operation.AsSpan().TrimEnd('/');
        var slash = verb.LastIndexOf('/');
        verb = slash >= 0 ? verb[(slash + 1)..] : verb;
        return verb switch
        {
            _ when verb.Equals("encrypt", StringComparison.OrdinalIgnoreCase) => "KeyEncrypt",
            _ when verb.Equals("decrypt", StringComparison.OrdinalIgnoreCase) => "KeyDecrypt",
            _ when verb.Equals("wrapkey", StringComparison.OrdinalIgnoreCase) => "KeyWrap",
            _ when verb.Equals("unwrapkey", StringComparison.OrdinalIgnoreCase) => "KeyUnwrap",
            _ when verb.Equals("sign", StringComparison.OrdinalIgnoreCase) => "KeySign",
            _ when verb.Equals("verify", StringComparison.OrdinalIgnoreCase) => "KeyVerify",
            _ when verb.Equals("release", StringComparison.OrdinalIgnoreCase) => "KeyRelease",
            _ => AuditOperation.Unmatched,
        };
    }

    public static string Management(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "/").TrimEnd('/');
        var method = context.Request.Method;
        var segments = path.Split('/');
        var last = segments[^1];
        var provider = Array.FindLastIndex(segments, segment => segment.Equals("providers", StringComparison.OrdinalIgnoreCase));
        if (provider < 0 || provider + 2 >= segments.Length)
        {
            return AuditOperation.Unmatched;
        }

        var tail = segments.AsSpan(provider + 2);
        var type = tail[0];
        var named = tail.Length >= 2;
        if (segments[provider + 1].Equals("Microsoft.Authorization", StringComparison.OrdinalIgnoreCase))
        {
            var noun = type.ToLowerInvariant() switch
            {
                "roleassignments" => "RoleAssignment",
                "roledefinitions" => "RoleDefinition",
                "locks" => "Lock",
                _ => null,
            };
            return noun is null ? AuditOperation.Unmatched : noun + Verb(method, named);
        }

        if (!segments[provider + 1].Equals("Microsoft.KeyVault", StringComparison.OrdinalIgnoreCase))
        {
            return AuditOperation.Unmatched;
        }

        if (last.Equals("purge", StringComparison.OrdinalIgnoreCase))
        {
            return "VaultPurge";
        }

        if (last.Equals("deletedVaults", StringComparison.OrdinalIgnoreCase))
        {
            return "VaultListDeleted";
        }

        if (tail.Length >= 3 && tail[^2].Equals("deletedVaults", StringComparison.OrdinalIgnoreCase))
        {
            return "VaultGetDeleted";
        }

        if (!type.Equals("vaults", StringComparison.OrdinalIgnoreCase))
        {
            return AuditOperation.Unmatched;
        }

        if (tail.Length >= 3 && tail[2].Equals("accessPolicies", StringComparison.OrdinalIgnoreCase))
        {
            return "VaultAccessPolicyUpdate";
        }

        return "Vault" + Verb(method, named);
    }

    private static string Verb(string method, bool named) => method switch
    {
        _ when !named => "List",
        _ when HttpMethods.IsPut(method) => "Put",
        _ when HttpMethods.IsPatch(method) => "Patch",
        _ when HttpMethods.IsDelete(method) => "Delete",
        _ => "Get",
    };
}
