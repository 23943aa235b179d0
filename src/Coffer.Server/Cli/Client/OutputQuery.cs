using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using DevLab.JmesPath;

namespace Coffer.Server.Cli.Client;

/// <summary>
/// <c>--query</c>: a JMESPath expression applied to a command's result before <c>--output</c> formats it, as az
/// applies it. The expression is checked before the command runs, so a typo never follows a change on the server.
/// </summary>
internal sealed class OutputQuery
{
    private readonly string _expression;

    private OutputQuery(string expression) => _expression = expression;

    public static OutputQuery? Parse(string? expression) => expression is null ? null : Compile(expression);

    // Kept out of Parse (and never inlined into it), so a command without --query never loads the JMESPath library.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static OutputQuery Compile(string expression)
    {
        try
        {
            Library.Engine.Parse(expression);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The library reports every syntax error as a bare Exception; its message names the position, never data.
            throw new UsageException($"--query '{expression}' is not a valid JMESPath expression: {exception.Message}");
        }

        return new OutputQuery(expression);
    }

    public JsonNode? Apply(JsonNode? result)
    {
        string selected;
        try
        {
            selected = Library.Engine.Transform(result?.ToJsonString() ?? "null", _expression);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Not the library's message: a type error may quote the value it was given, and the result can hold a secret.
            throw new CommandFailedException($"--query '{_expression}' cannot be applied to the result (a function was given a value of the wrong type).");
        }

        return JsonNode.Parse(selected);
    }

    private static class Library
    {
        public static readonly JmesPath Engine = new();
    }
}
