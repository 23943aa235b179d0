using System.Collections.Concurrent;
using Coffer.Core.Identity;

namespace Coffer.Api.Hosting;

/// <summary>
/// Builds Key Vault's bearer challenge and the token audience for a request's port:
/// <c>Bearer authorization="https://{suffix}:{port}/{tenant}", resource="https://{suffix}:{port}"</c>.
/// The strings are cached per port, so the hot path allocates none.
/// </summary>
internal sealed class Challenge
{
    private readonly string _dnsSuffix;
    private readonly string _tenant;
    private readonly ConcurrentDictionary<int, (string Resource, string Header)> _byPort = new();

    public Challenge(CofferApiOptions options, TokenAuthority authority)
    {
        _dnsSuffix = options.DnsSuffix;
        _tenant = authority.TenantId.ToString("D");
    }

    public string ResourceFor(int port) => Get(port).Resource;

    public string HeaderFor(int port) => Get(port).Header;

    /// <summary>ARM's form of the challenge, for the management API.</summary>
    public string ManagementHeaderFor(int port, string? error)
    {
        var origin = Get(port).Resource;
        return error is null
            ? $"Bearer authorization_uri=\"{origin}/{_tenant}\", resource=\"{origin}\""
            : $"Bearer authorization_uri=\"{origin}/{_tenant}\", error=\"{error}\", resource=\"{origin}\"";
    }

    private (string Resource, string Header) Get(int port) => _byPort.GetOrAdd(port, p =>
    {
        var origin = CofferApiOptions.Origin(_dnsSuffix, p);
        return (origin, $"Bearer authorization=\"{origin}/{_tenant}\", resource=\"{origin}\"");
    });
}
