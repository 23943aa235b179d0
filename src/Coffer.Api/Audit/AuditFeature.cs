using Coffer.Core.Identity;

namespace Coffer.Api.Audit;

/// <summary>
/// What the pipeline learns about a request that its audit record needs and the response does not show: the verified
/// caller of a management or identity request and the error code of a refusal (the data plane's is in its <see cref="Hosting.VaultRequest"/>).
/// </summary>
internal sealed class AuditFeature
{
    public Principal? Caller { get; set; }

    /// <summary>The Key Vault error code of a refused request (<c>resultDescription</c>); never a message with request data.</summary>
    public string? ErrorCode { get; set; }
}
