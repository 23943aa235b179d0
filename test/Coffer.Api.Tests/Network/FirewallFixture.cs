using System.Net;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Network;

/// <summary>
/// A server and two clients: <see cref="ServerFixture.Client"/> connects from 127.0.0.1, <see cref="Elsewhere"/> from
/// 127.0.0.2 (Linux accepts any 127/8 source on loopback), so a test can call one vault from two addresses.
/// </summary>
public class FirewallFixture : ServerFixture
{
    public static readonly IPAddress OtherAddress = IPAddress.Parse("127.0.0.2");

    public HttpClient Elsewhere { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Elsewhere = new HttpClient(Server.CreateHandler(OtherAddress));
    }

    public override async ValueTask DisposeAsync()
    {
        Elsewhere?.Dispose();
        await base.DisposeAsync();
    }
}
