namespace Coffer.Core.Identity;

/// <summary>Who Coffer's tokens come from and for how long they live.</summary>
/// <param name="Issuer">The <c>iss</c> claim: <c>https://{dns-suffix}[:{port}]/{tenant}/v2.0</c>.</param>
/// <param name="TenantId">The deployment's tenant (<c>tid</c>), also named in the 401 challenge.</param>
/// <param name="Lifetime">How long an issued token is valid.</param>
/// <param name="ClockSkew">Tolerance for clock differences when checking <c>nbf</c> and <c>exp</c>.</param>
public sealed record TokenAuthority(string Issuer, Guid TenantId, TimeSpan Lifetime, TimeSpan ClockSkew);
