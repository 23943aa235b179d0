using System.Net;
using System.Net.Sockets;

namespace Coffer.Server.Cli.Client;

/// <summary>
/// Vault hosts under <c>localhost</c> (<c>dev.localhost</c>) are loopback names (RFC 6761), but glibc resolves them only
/// with libnss-myhostname, so the client connects them where <c>localhost</c> itself goes. TLS still checks the vault's
/// own name: only the address is chosen here. Every other host is resolved as usual.
/// </summary>
internal static class LocalhostNames
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        if (host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost.", StringComparison.OrdinalIgnoreCase))
        {
            host = "localhost";
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new DnsEndPoint(host, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
