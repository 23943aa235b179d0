namespace Coffer.Core.Keys;

/// <summary>A request to generate a key: <c>kty</c> as sent (with or without <c>-HSM</c>), and its optional shape.</summary>
public sealed record KeyCreateRequest(string KeyType, int? KeySize, int? PublicExponent, string? Curve, KeyChanges Properties);
