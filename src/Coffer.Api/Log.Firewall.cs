using System.Net;
using Microsoft.Extensions.Logging;

namespace Coffer.Api;

/// <summary>The data-plane firewall's log messages (ids 3321–3339): vault names and addresses, never a header's content.</summary>
internal static partial class Log
{
    [LoggerMessage(3321, LogLevel.Information, "The network settings of vault {VaultName} refused a caller at {ClientAddress} ({Reason}).", EventName = "FirewallRefused")]
    public static partial void FirewallRefused(ILogger logger, string vaultName, IPAddress? clientAddress, string reason);

    [LoggerMessage(3322, LogLevel.Warning,
        "Trusted proxy {ProxyAddress} sent an X-Forwarded-For header that is not a list of IP addresses; the client address is unknown, so vault firewalls refuse the request.",
        EventName = "ForwardedForMalformed")]
    public static partial void ForwardedForMalformed(ILogger logger, IPAddress proxyAddress);
}
