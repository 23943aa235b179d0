namespace Coffer.Core.KeyRing;

/// <summary>A vault's data key as stored: wrapped by the root key.</summary>
public sealed record WrappedDataKey(Guid Id, Guid VaultId, byte[] Wrapped, DateTimeOffset Created);
