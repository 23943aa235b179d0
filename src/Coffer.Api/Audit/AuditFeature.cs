using Coffer.Core.Audit;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Audit;

/// <summary>
/// What the pipeline learns about a request that its audit record needs and the response does not show: the verified
/// caller of a management or identity request and the error code of a refusal (the data plane's is in its <see cref="Hosting.VaultRequest"/>).
/// </summary>
internal sealed class AuditFeature
{
    public Principal? Caller { get; set; }

    /// <summary>
    /// Who a token request was answered for: the subject of the token just issued (a token request carries no bearer
    /// token, so it has no <see cref="Caller"/>). Left null for a refused request, whose claimed client is unproven.
    /// </summary>
    public AuditIdentity? IssuedTo { get; private set; }

    public static void TokenIssued(HttpContext context, TokenSubject subject, Guid tenantId) =>
        context.Features.Get<AuditFeature>()?.IssuedTo = new AuditIdentity(subject.ObjectId.ToString("D"), subject.AppId.ToString("D"), null)
        {
            TenantId = tenantId.ToString("D"),
        };

    /// <summary>The Key Vault error code of a refused request (<c>resultDescription</c>); never a message with request data.</summary>
    public string? ErrorCode { get; set; }
}
