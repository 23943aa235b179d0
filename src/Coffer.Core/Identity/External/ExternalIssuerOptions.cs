namespace Coffer.Core.Identity.External;

/// <summary>The external OpenID issuers Coffer trusts, and how often their signing keys are fetched.</summary>
public sealed class ExternalIssuerOptions
{
    public List<TrustedIssuer> Issuers { get; } = [];

    /// <summary>How often each issuer's discovery document and JWKS are fetched again (default one hour).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The least time between two fetches from one issuer (default five minutes). A token naming an unknown key
    /// asks for a fetch, so this is what keeps a flood of made-up key ids from hammering the issuer.
    /// </summary>
    public TimeSpan MinimumRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The time allowed for one fetch (default ten seconds).</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
