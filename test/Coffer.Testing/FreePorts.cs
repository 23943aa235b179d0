using System.Net;
using System.Net.Sockets;

namespace Coffer.Testing;

/// <summary>
/// Ports for test servers. They come from below the kernel's ephemeral range (32768–60999 on Linux), because a port
/// the OS handed out as "free" is exactly the kind it hands to the next outgoing connection: another test's client
/// could take it between our probe and the server's bind.
/// </summary>
public static class FreePorts
{
    private const int First = 20000;
    private const int Last = 32000;

    private static readonly HashSet<int> Handed = [];

    /// <summary>Distinct ports, each free on 127.0.0.1 a moment ago and never handed out before by this process.</summary>
    public static int[] Take(int count)
    {
        var ports = new int[count];
        lock (Handed)
        {
            for (var i = 0; i < count; i++)
            {
                ports[i] = TakeOne();
            }
        }

        return ports;
    }

    private static int TakeOne()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(First, Last + 1);
            if (!Handed.Contains(port) && IsFree(port))
            {
                Handed.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
