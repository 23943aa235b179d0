using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Endpoints.Management;

/// <summary>An authenticated management-API call: the caller, the deployment it addresses and the services it needs.</summary>
internal sealed record ManagementRequest(HttpContext Context, Principal Principal, Deployment Deployment, AccessEvaluator Access, TimeProvider Time)
{
    public CancellationToken Aborted => Context.RequestAborted;

    public string Method => Context.Request.Method;

    public ResourceScope ParseScope(string scope) => ResourceScope.Parse(scope, Deployment.SubscriptionId);

    public ValueTask DemandAsync(string scope, string action) => Access.DemandManagementAsync(Principal, scope, action, Aborted);

    /// <summary>Reads an ARM body; anything but JSON of the expected shape is ARM's 400 <c>InvalidRequestContent</c>.</summary>
    public async ValueTask<T> ReadBodyAsync<T>(JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(Context.Request.Body, typeInfo, Aborted)
                ?? throw CofferErrors.InvalidRequestContent("The request content was invalid and could not be deserialized: the body is null.");
        }
        catch (JsonException error)
        {
            throw CofferErrors.InvalidRequestContent("The request content was invalid and could not be deserialized: " + (error.Path is null ? "the body is empty or not JSON." : $"at '{error.Path}'."));
        }
    }

    public Task WriteAsync<T>(int status, T body, JsonTypeInfo<T> typeInfo)
    {
        Context.Response.StatusCode = status;
        return Context.Response.WriteAsJsonAsync(body, typeInfo, contentType: null, Aborted);
    }
}
