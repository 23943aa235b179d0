namespace Coffer.Core.Identity;

/// <summary>The caller of a request, as proven by its token.</summary>
public sealed record Principal(Guid ObjectId, Guid TenantId, string? AppId, DateTimeOffset Expires);
