using Azure.Core;

namespace Coffer.Server.Tests.Cluster;

/// <summary>A token got elsewhere (from another node), handed to the SDK as it is.</summary>
internal sealed class BearerToken(string token) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(token, DateTimeOffset.UtcNow.AddMinutes(5));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
