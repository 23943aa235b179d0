using System.Net;
using Coffer.Core.Identity;
using Coffer.Core.Vaults;

namespace Coffer.Core.Errors;

/// <summary>Key Vault's data-plane 403s for network denials, in its words (the firewall, and public access disabled).</summary>
public static class NetworkErrors
{
    public const string ForbiddenByFirewall = "ForbiddenByFirewall";
    public const string ForbiddenByConnection = "ForbiddenByConnection";

    /// <summary>
    /// The firewall refused the caller's address. An address Coffer could not learn (a malformed <c>X-Forwarded-For</c>
    /// from a trusted proxy) is written as <c>unknown</c>.
    /// </summary>
    public static CofferException FirewallDenied(IPAddress? clientAddress, Principal caller, Vault vault)
    {
        ArgumentNullException.ThrowIfNull(vault);
        return new(403, ErrorCodes.Forbidden,
            "Client address is not authorized and caller is not a trusted service.\r\n" +
            $"Client address: {Describe(clientAddress)}\r\n" +
            $"Caller: {CallerOf(caller)}\r\n" +
            $"Vault: {vault.Name};location={vault.Location}",
            ForbiddenByFirewall);
    }

    /// <summary><c>publicNetworkAccess</c> is Disabled; Azure then names no address.</summary>
    public static CofferException PublicAccessDisabled(Principal caller, Vault vault)
    {
        ArgumentNullException.ThrowIfNull(vault);
        return new(403, ErrorCodes.Forbidden,
            "Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\n" +
            $"Caller: {CallerOf(caller)}\r\n" +
            $"Vault: {vault.Name};location={vault.Location}",
            ForbiddenByConnection);
    }

    private static string Describe(IPAddress? address) => address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ => address.ToString(),
    };

    private static string CallerOf(Principal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var app = caller.AppId is { Length: > 0 } appId ? $"appid={appId};" : string.Empty;
        var issuer = caller.Issuer is { Length: > 0 } iss ? $";iss={iss}" : string.Empty;
        return $"{app}oid={caller.ObjectId:D}{issuer}";
    }
}
