using System.Net;
using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Hosting;

/// <summary>
/// Finds a data-plane caller's address for the firewall: the connection's remote address, unless the connection comes
/// from a configured trusted proxy, in which case <c>X-Forwarded-For</c> names the caller: its right-most address that
/// is not itself a trusted proxy (addresses further left were written by whoever called that one, and can be forged).
/// </summary>
internal sealed class ClientAddressResolver
{
    private const string ForwardedFor = "X-Forwarded-For";

    private readonly IPNetwork[] _trustedProxies;

    public ClientAddressResolver(CofferApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _trustedProxies = [.. options.TrustedProxies];
    }

    /// <summary>
    /// The caller's address; null with <paramref name="malformedFrom"/> set when a trusted proxy sent an
    /// <c>X-Forwarded-For</c> that cannot be read (deny by default: the address is unknown).
    /// </summary>
    public IPAddress? Resolve(HttpContext context, out IPAddress? malformedFrom)
    {
        ArgumentNullException.ThrowIfNull(context);
        malformedFrom = null;
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !IsTrustedProxy(remote))
        {
            return remote;
        }

        var values = context.Request.Headers[ForwardedFor];
        if (values.Count == 0)
        {
            // The proxy called on its own behalf.
            return remote;
        }

        IPAddress? leftMost = null;
        for (var v = values.Count - 1; v >= 0; v--)
        {
            var list = (values[v] ?? string.Empty).AsSpan();
            while (true)
            {
                var comma = list.LastIndexOf(',');
                var entry = (comma < 0 ? list : list[(comma + 1)..]).Trim();
                if (!TryParseEntry(entry, out var address))
                {
                    malformedFrom = remote;
                    return null;
                }

                if (!IsTrustedProxy(address))
                {
                    return address;
                }

                leftMost = address;
                if (comma < 0)
                {
                    break;
                }

                list = list[..comma];
            }
        }

        // Every hop is a trusted proxy: the first of them made the request.
        return leftMost;
    }

    private bool IsTrustedProxy(IPAddress address)
    {
        if (_trustedProxies.Length == 0)
        {
            return false;
        }

        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var network in _trustedProxies)
        {
            if (network.Contains(normalized))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An entry is an address, optionally with a port (<c>203.0.113.7:4711</c>, <c>[2001:db8::1]:4711</c>).</summary>
    private static bool TryParseEntry(ReadOnlySpan<char> entry, out IPAddress address)
    {
        if (entry.Length > 0 && IPEndPoint.TryParse(entry, out var endPoint))
        {
            address = endPoint.Address;
            return true;
        }

        address = IPAddress.None;
        return false;
    }
}
