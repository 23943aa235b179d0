using System.Text;
using System.Text.Json.Nodes;

namespace Coffer.Server.Cli.Client;

/// <summary>
/// A client command that could not be done (the server refused, or could not be reached): exit code 1. When the server
/// answered with an error body, <see cref="Code"/> is its <c>error.code</c> and <see cref="InnerError"/> its
/// <c>error.innererror</c>, so the error can be printed as az prints one.
/// </summary>
internal sealed class CommandFailedException(string message, Exception? inner = null) : Exception(message, inner)
{
    public string? Code { get; init; }

    public JsonNode? InnerError { get; private init; }

    /// <summary>The server's <c>{"error":{"code","message","innererror"}}</c>, or <paramref name="fallback"/> when the body has none.</summary>
    public static CommandFailedException FromError(JsonNode? body, string fallback, Exception? inner = null)
    {
        var error = body?["error"] as JsonObject;
        var message = Text(error?["message"]) ?? Text(body?["error_description"]) ?? fallback;
        return new CommandFailedException(message, inner) { Code = Text(error?["code"]), InnerError = error?["innererror"]?.DeepClone() };
    }

    /// <summary>As az prints a service error: <c>(Code) Message</c>, then <c>Code:</c>, <c>Message:</c> and <c>Inner error:</c> lines.</summary>
    public string Describe()
    {
        if (Code is null)
        {
            return Message;
        }

        var text = new StringBuilder().Append('(').Append(Code).Append(") ").Append(Message)
            .Append("\nCode: ").Append(Code)
            .Append("\nMessage: ").Append(Message);
        if (InnerError is not null)
        {
            text.Append("\nInner error: ").Append(OutputWriter.Format(InnerError, OutputFormat.Json).TrimEnd('\n'));
        }

        return text.ToString();
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
