using Coffer.Core.Identity.External;
using Coffer.Server.Hosting;
using Coffer.Testing;

namespace Coffer.Api.Tests.TestSupport;

/// <summary>
/// A Coffer that trusts two external issuers started by the fixture (<see cref="Issuer"/> with audience
/// <see cref="Audience"/>, <see cref="DefaultAudienceIssuer"/> with Coffer's own resource as audience) and one
/// <see cref="Impostor"/> whose discovery document names another issuer.
/// </summary>
public class ExternalIssuerFixture : ServerFixture
{
    public const string Audience = "api://coffer";
    public const string RsaKid = "rsa-1";
    public const string EcKid = "ec-1";

    public TestOpenIdIssuer Issuer { get; private set; } = null!;

    public TestOpenIdIssuer DefaultAudienceIssuer { get; private set; } = null!;

    public TestOpenIdIssuer Impostor { get; private set; } = null!;

    /// <summary>The least time between two fetches of one issuer's keys.</summary>
    protected virtual TimeSpan MinimumRefreshInterval => TimeSpan.FromSeconds(1);

    public override async ValueTask InitializeAsync()
    {
        Issuer = await TestOpenIdIssuer.StartAsync("main");
        Issuer.Publish(RsaKid);
        Issuer.Publish(EcKid, "ES256");
        DefaultAudienceIssuer = await TestOpenIdIssuer.StartAsync("plain");
        DefaultAudienceIssuer.Publish(RsaKid);
        Impostor = await TestOpenIdIssuer.StartAsync("impostor");
        Impostor.Publish(RsaKid);
        Impostor.DiscoveryIssuer = "https://login.example.com/someone-else";
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var issuer in new[] { Issuer, DefaultAudienceIssuer, Impostor })
        {
            if (issuer is not null)
            {
                await issuer.DisposeAsync();
            }
        }
    }

    protected override void ConfigureOptions(ServeOptions options)
    {
        options.ExternalIssuers.Issuers.Add(new TrustedIssuer(Issuer.Issuer, Audience));
        options.ExternalIssuers.Issuers.Add(new TrustedIssuer(DefaultAudienceIssuer.Issuer));
        options.ExternalIssuers.Issuers.Add(new TrustedIssuer(Impostor.Issuer, Audience));
        options.ExternalIssuers.MinimumRefreshInterval = MinimumRefreshInterval;
    }
}
