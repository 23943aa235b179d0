using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>Wire <c>KeyVaultError</c>: <c>{"error":{"code","message","innererror":{"code"}}}</c>.</summary>
internal sealed class KeyVaultError
{
    [JsonPropertyName("error")]
    public required ErrorDetail Error { get; init; }
}

internal sealed class ErrorDetail
{
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }

    [JsonPropertyName("innererror")]
    public InnerError? InnerError { get; init; }
}

internal sealed class InnerError
{
    [JsonPropertyName("code")]
    public required string Code { get; init; }
}
