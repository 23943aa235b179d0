using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;

namespace Coffer.Server.Cli.Client;

/// <summary>Errors of the official Key Vault clients as <see cref="CommandFailedException"/>s carrying Key Vault's code and message.</summary>
internal static class ServiceFailure
{
    /// <summary>Runs an SDK call; a refusal becomes the server's <c>error.code</c> and <c>error.message</c>.</summary>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException e)
        {
            throw From(e);
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<RequestFailedException>().FirstOrDefault() is { } first)
        {
            // The retry policy gave up on a transport failure: the last attempt says why.
            throw From(e.InnerExceptions.OfType<RequestFailedException>().Last() ?? first);
        }
    }

    public static CommandFailedException From(RequestFailedException e)
    {
        if (e.Status == 0)
        {
            return new CommandFailedException($"Could not reach the vault: {(e.InnerException ?? e).Message}", e);
        }

        JsonNode? body = null;
        try
        {
            var content = e.GetRawResponse()?.Content;
            body = content is null || content.ToMemory().IsEmpty ? null : JsonNode.Parse(content.ToString());
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): the status says enough.
        }

        return CommandFailedException.FromError(body, $"The vault answered {e.Status}.", e);
    }
}
