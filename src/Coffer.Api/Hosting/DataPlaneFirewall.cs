using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Coffer.Core.Network;
using Coffer.Core.Vaults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coffer.Api.Hosting;

/// <summary>
/// A vault's network settings applied to a data-plane request, after the token and the vault are known and before
/// authorization (Key Vault's order: a caller outside the rules never learns whether it would have been allowed).
/// </summary>
internal sealed class DataPlaneFirewall
{
    private readonly ClientAddressResolver _addresses;
    private readonly ILogger<DataPlaneFirewall> _logger;

    public DataPlaneFirewall(ClientAddressResolver addresses, ILogger<DataPlaneFirewall> logger)
    {
        _addresses = addresses;
        _logger = logger;
    }

    /// <summary>Throws Key Vault's 403 when the vault's network settings refuse the caller.</summary>
    public void Enforce(HttpContext context, Vault vault, Principal principal)
    {
        if (VaultFirewall.IsOpen(vault))
        {
            return;
        }

        var address = _addresses.Resolve(context, out var malformedFrom);
        if (malformedFrom is not null)
        {
            Log.ForwardedForMalformed(_logger, malformedFrom);
        }

        switch (VaultFirewall.Check(vault, address))
        {
            case FirewallVerdict.Allowed:
                return;
            case FirewallVerdict.ForbiddenByConnection:
                Log.FirewallRefused(_logger, vault.Name, address, NetworkErrors.ForbiddenByConnection);
                throw NetworkErrors.PublicAccessDisabled(principal, vault);
            default:
                Log.FirewallRefused(_logger, vault.Name, address, NetworkErrors.ForbiddenByFirewall);
                throw NetworkErrors.FirewallDenied(address, principal, vault);
        }
    }
}
