using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Coffer.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Hosting;

internal static class HttpContextExtensions
{
    /// <summary>The vault request the data-plane middleware established; data-plane paths on any other host are not found.</summary>
    public static VaultRequest VaultRequest(this HttpContext context) =>
        context.Features.Get<VaultRequest>() ?? throw CofferErrors.NotFound(context.Request.Path.Value ?? "/");

    /// <summary>Reads a JSON body; an empty or malformed body is Key Vault's 400, with the JSON path but never the content.</summary>
    public static async ValueTask<T> ReadBodyAsync<T>(this HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted)
                ?? throw CofferErrors.BadParameter("The request body must be a JSON object, not null.");
        }
        catch (JsonException error)
        {
            var where = error.Path is null ? "the body" : $"'{error.Path}'";
            throw CofferErrors.BadParameter(
                error.BytePositionInLine is null && error.LineNumber is null && error.Path is null
                    ? "The request body is empty or is not valid JSON."
                    : $"The request body is not valid JSON for this operation at {where} (line {error.LineNumber}, position {error.BytePositionInLine}).");
        }
    }

    public static int? MaxResults(this HttpContext context)
    {
        var text = context.Request.Query["maxresults"].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw CofferErrors.BadParameter("The parameter 'maxresults' must be an integer between 1 and 25.");
    }

    public static string? SkipToken(this HttpContext context)
    {
        var token = context.Request.Query["$skiptoken"].ToString();
        return token.Length == 0 ? null : token;
    }

    /// <summary>The absolute next link Key Vault returns: same vault, same path, the caller's api-version, <c>$skiptoken</c> and <c>maxresults</c>.</summary>
    public static string? NextLink(this HttpContext context, VaultRequest request, string? token, int? maxResults)
    {
        if (token is null)
        {
            return null;
        }

        var link = $"{request.VaultUri}{context.Request.Path}?api-version={Uri.EscapeDataString(request.ApiVersion)}&$skiptoken={Uri.EscapeDataString(token)}";
        return maxResults is { } max ? link + "&maxresults=" + max.ToString(CultureInfo.InvariantCulture) : link;
    }
}
