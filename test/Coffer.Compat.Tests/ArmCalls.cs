using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Coffer.Compat.Tests;

/// <summary>
/// Management-API calls the way Azure's management SDKs make them: Azure.Core's pipeline with a bearer-token policy
/// over the credential, asking for <c>{resource}/.default</c>. (The feed has no Azure.ResourceManager packages, so
/// the pipeline they are built on sends the requests.)
/// </summary>
internal sealed class ArmCalls
{
    private readonly HttpPipeline _pipeline;
    private readonly string _origin;

    public ArmCalls(CompatFixture fixture, TokenCredential credential)
    {
        var options = new ArmClientOptions { Transport = new HttpClientTransport(fixture.Server.CreateHandler()) };
        options.Retry.MaxRetries = 0;
        _origin = fixture.Server.Resource;
        _pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, _origin + "/.default"));
    }

    public async Task<(int Status, JsonElement Body)> SendAsync(RequestMethod method, string pathAndQuery, string? json = null)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(_origin + pathAndQuery));
        if (json is not null)
        {
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(BinaryData.FromString(json));
        }

        await _pipeline.SendAsync(message, TestContext.Current.CancellationToken);
        var text = message.Response.Content.ToString();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return (message.Response.Status, document.RootElement.Clone());
    }

    private sealed class ArmClientOptions : ClientOptions;
}
