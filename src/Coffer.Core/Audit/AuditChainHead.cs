namespace Coffer.Core.Audit;

/// <summary>The newest record of a chain: where its writer continues after a restart.</summary>
public sealed record AuditChainHead(string ChainId, long Sequence, string Hash);
