using Coffer.Api.Errors;
using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Coffer.Core.Vaults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Coffer.Api.Hosting;

/// <summary>
/// Runs before routing on every HTTPS request to a vault host (<c>{vault}.{suffix}</c>): the bearer challenge
/// (before any route or body validation: the SDKs' first request is deliberately empty), token verification,
/// the vault lookup, the vault's firewall and the api-version check. Requests to the bare host pass through untouched.
/// </summary>
internal sealed class DataPlaneMiddleware
{
    private readonly RequestDelegate _next;
    private readonly string _hostSuffix;
    private readonly Challenge _challenge;
    private readonly TokenValidator _tokens;
    private readonly VaultDirectory _vaults;
    private readonly DataPlaneFirewall _firewall;
    private readonly ILogger<DataPlaneMiddleware> _logger;

    public DataPlaneMiddleware(
        RequestDelegate next, CofferApiOptions options, Challenge challenge, TokenValidator tokens, VaultDirectory vaults, DataPlaneFirewall firewall, ILogger<DataPlaneMiddleware> logger)
    {
        _next = next;
        _hostSuffix = "." + options.DnsSuffix;
        _challenge = challenge;
        _tokens = tokens;
        _vaults = vaults;
        _firewall = firewall;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host;
        if (!context.Request.IsHttps || !TryGetVaultName(host.Host, out var vaultName))
        {
            await _next(context);
            return;
        }

        // Responses carry secret values: no cache along the way may keep them.
        context.Response.Headers.CacheControl = "no-store";
        var port = host.Port ?? 443;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await RejectAsync(context, port, CofferErrors.MissingToken());
            return;
        }

        var token = authorization.AsSpan(7).Trim();
        if (!_tokens.TryValidate(token, _challenge.ResourceFor(port), out var principal, out var failure))
        {
            Log.TokenRejected(_logger, failure);
            await RejectAsync(context, port, CofferErrors.InvalidToken(failure));
            return;
        }

        var vault = await _vaults.FindAsync(vaultName, context.RequestAborted) ?? throw CofferErrors.VaultNotFound(host.Host);
        _firewall.Enforce(context, vault, principal);
        var apiVersion = ApiVersion.Validate(context.Request.Query["api-version"]);
        context.Features.Set(new VaultRequest(vault, principal, "https://" + host.Value, apiVersion));
        await _next(context);
    }

    private bool TryGetVaultName(string host, out string vaultName)
    {
        if (host.Length > _hostSuffix.Length && host.EndsWith(_hostSuffix, StringComparison.OrdinalIgnoreCase))
        {
            vaultName = host[..^_hostSuffix.Length];
            return !vaultName.Contains('.', StringComparison.Ordinal);
        }

        vaultName = string.Empty;
        return false;
    }

    private Task RejectAsync(HttpContext context, int port, CofferException error)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = _challenge.HeaderFor(port);
        return ErrorWriter.WriteAsync(context, error);
    }
}
