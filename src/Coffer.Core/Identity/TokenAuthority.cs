namespace Coffer.Core.Identity;

/// <summary>Who Coffer's tokens come from and for how long they live.</summary>
/// <param name="Issuer">The <c>iss</c> claim: <c>https://{dns-suffix}[:{port}]/{tenant}/v2.0</c>.</param>
/// <param name="TenantId">The deployment's tenant (<c>tid</c>), also named in the 401 challenge.</param>
/// <param name="Lifetime">How long an issued token is valid.</param>
/// <param name="ClockSkew">Tolerance for clock differences when checking <c>nbf</c> and <c>exp</c>.</param>
public sealed record TokenAuthority(string Issuer, Guid TenantId, TimeSpan Lifetime, TimeSpan ClockSkew)
{
    /// <summary>
    /// The issuer of tokens obtained through the ADFS-style authority, <c>https://{dns-suffix}[:{port}]/adfs</c>
    /// (clients check that a token's authority and its discovery document agree); null when not served.
    /// </summary>
    public string? AdfsIssuer { get; init; }

    /// <summary>Whether <paramref name="issuer"/> is one of Coffer's own issuers (compared exactly, as JWT issuers are).</summary>
    public bool IsOwnIssuer(string issuer) =>
        string.Equals(issuer, Issuer, StringComparison.Ordinal) || (AdfsIssuer is not null && string.Equals(issuer, AdfsIssuer, StringComparison.Ordinal));
}
