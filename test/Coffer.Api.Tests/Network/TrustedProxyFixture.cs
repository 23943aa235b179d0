using System.Net;
using Coffer.Server.Hosting;

namespace Coffer.Api.Tests.Network;

/// <summary>A server started as with <c>coffer serve --trusted-proxy 127.0.0.1</c>: connections from 127.0.0.1 are a proxy's.</summary>
public sealed class TrustedProxyFixture : FirewallFixture
{
    protected override void ConfigureOptions(ServeOptions options) => options.TrustedProxies.Add(new IPNetwork(IPAddress.Loopback, 32));
}
