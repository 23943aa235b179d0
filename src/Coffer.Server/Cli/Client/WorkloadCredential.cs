using System.Text.Json.Nodes;

namespace Coffer.Server.Cli.Client;

/// <summary>
/// A managed identity's workload credential from <c>POST {identity}/credentials</c>: what a program needs to get tokens
/// as that identity through the App Service protocol (<c>IDENTITY_ENDPOINT</c>, <c>IDENTITY_HEADER</c>).
/// </summary>
internal sealed record WorkloadCredential(string Id, string IdentityEndpoint, string IdentityHeader, string? ClientId, string? ExpiresOn)
{
    public static WorkloadCredential FromJson(JsonNode? json)
    {
        string? Text(string name) => json?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        var id = Text("id") ?? throw new CommandFailedException("The server returned a credential without an id.");
        return new WorkloadCredential(
            id.Contains('/', StringComparison.Ordinal) ? id[(id.LastIndexOf('/') + 1)..] : id,
            Text("identityEndpoint") ?? throw new CommandFailedException("The server returned a credential without identityEndpoint."),
            Text("identityHeader") ?? throw new CommandFailedException("The server returned a credential without identityHeader."),
            Text("clientId"),
            json?["expiresOn"]?.ToString());
    }

    /// <summary>Never prints the credential itself.</summary>
    public override string ToString() => $"WorkloadCredential {{ Id = {Id}, IdentityEndpoint = {IdentityEndpoint}, ExpiresOn = {ExpiresOn} }}";
}
