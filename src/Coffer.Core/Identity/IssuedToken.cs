namespace Coffer.Core.Identity;

/// <summary>An access token and when it expires. Never log <see cref="AccessToken"/>.</summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset IssuedAt, DateTimeOffset Expires);
