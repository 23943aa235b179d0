using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Coffer.Core.Crypto;
using Microsoft.Extensions.Logging;

namespace Coffer.Core.Identity.External;

/// <summary>
/// Verifies tokens from the configured external OpenID issuers (Microsoft Entra ID, Keycloak, …) against their
/// published keys. Verification is synchronous and does no I/O: keys are fetched at start, refreshed in the background,
/// and fetched again (rate-limited) when a token names a key id not seen yet. A verified token is remembered until it
/// expires, as <see cref="TokenValidator"/> does for Coffer's own.
/// </summary>
public sealed partial class ExternalIssuers : IDisposable
{
    private const int MaxCachedTokens = 10_000;
    private static readonly long MaxTimeClaim = DateTimeOffset.MaxValue.AddDays(-365).ToUnixTimeSeconds();

    private readonly Dictionary<string, IssuerState> _byIssuer = new(StringComparer.Ordinal);
    private readonly ExternalIssuerOptions _options;
    private readonly TimeSpan _clockSkew;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);

    public ExternalIssuers(ExternalIssuerOptions options, TokenAuthority authority, TimeProvider time, ILogger<ExternalIssuers> logger)
        : this(options, authority, time, logger, new HttpClient())
    {
    }

    internal ExternalIssuers(ExternalIssuerOptions options, TokenAuthority authority, TimeProvider time, ILogger logger, HttpClient http)
    {
        foreach (var trusted in options.Issuers)
        {
            if (!TrustedIssuer.IsAllowedUrl(trusted.Issuer, out var reason))
            {
                throw new ArgumentException("Trusted issuer " + reason, nameof(options));
            }

            _byIssuer[trusted.Issuer] = new IssuerState(trusted);
        }

        _options = options;
        _clockSkew = authority.ClockSkew;
        _time = time;
        _logger = logger;
        _http = http;
        _http.Timeout = options.FetchTimeout;
        _http.MaxResponseContentBufferSize = 1024 * 1024;
    }

    public int Count => _byIssuer.Count;

    /// <summary>
    /// Checks <paramref name="token"/> if its <c>iss</c> is a trusted external issuer: signature, <c>aud</c> (the
    /// issuer's configured audience, else <paramref name="resource"/>), <c>exp</c> and <c>nbf</c> (when present).
    /// </summary>
    public ExternalTokenOutcome TryValidate(string token, string resource, out Principal principal, out string failure)
    {
        principal = null!;
        failure = string.Empty;
        if (_byIssuer.Count == 0)
        {
            return ExternalTokenOutcome.NotExternal;
        }

        var now = _time.GetUtcNow();
        if (_verified.TryGetValue(token, out var cached))
        {
            principal = cached.Principal;
            // A key the issuer has withdrawn stops vouching for tokens it signed, even remembered ones.
            return cached.Issuer.Keys.ContainsKey(cached.KeyId) && Check(cached.Principal.Expires, cached.NotBefore, cached.Audiences, cached.Issuer, resource, now, out failure)
                ? ExternalTokenOutcome.Valid
                : ExternalTokenOutcome.Invalid;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || !Base64Url.TryDecode(parts[1], out var payloadBytes) || !TryReadIssuer(payloadBytes, out var issuer) ||
            !_byIssuer.TryGetValue(issuer, out var state))
        {
            return ExternalTokenOutcome.NotExternal;
        }

        if (!Verify(state, parts, out var keyId, out failure) || !TryReadClaims(state, payloadBytes, out var claims, out failure) ||
            !Check(claims.Principal.Expires, claims.NotBefore, claims.Audiences, state, resource, now, out failure))
        {
            return ExternalTokenOutcome.Invalid;
        }

        principal = claims.Principal;
        if (_verified.Count >= MaxCachedTokens)
        {
            _verified.Clear();
        }

        _verified[token] = new Verified(claims.Principal, claims.NotBefore, claims.Audiences, state, keyId);
        return ExternalTokenOutcome.Valid;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _http.Dispose();
    }

    private bool Verify(IssuerState state, string[] parts, out string keyId, out string failure)
    {
        keyId = string.Empty;
        if (!Base64Url.TryDecode(parts[0], out var headerBytes) || !Base64Url.TryDecode(parts[2], out var signature) ||
            !TryReadHeader(headerBytes, out var algorithm, out keyId))
        {
            failure = "The token must be signed with RS256 or ES256 and name its key (kid).";
            return false;
        }

        if (!state.Keys.TryGetValue(keyId, out var key))
        {
            // The issuer may have rotated its keys since the last fetch: fetch again soon, never more often than allowed.
            RequestRefresh(state);
            failure = "The token is signed with a key its issuer does not (yet) publish.";
            return false;
        }

        var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!key.Verify(algorithm, signingInput, signature))
        {
            failure = "The token signature is invalid.";
            return false;
        }

        failure = string.Empty;
        return true;
    }

    private bool Check(DateTimeOffset expires, DateTimeOffset notBefore, string[] audiences, IssuerState state, string resource, DateTimeOffset now, out string failure)
    {
        if (expires + _clockSkew <= now)
        {
            failure = "The token is expired.";
            return false;
        }

        if (notBefore - _clockSkew > now)
        {
            failure = "The token is not yet valid.";
            return false;
        }

        var expected = (state.Trusted.Audience ?? resource).AsSpan().TrimEnd('/');
        foreach (var audience in audiences)
        {
            if (audience.AsSpan().TrimEnd('/').Equals(expected, StringComparison.OrdinalIgnoreCase))
            {
                failure = string.Empty;
                return true;
            }
        }

        failure = "The audience of the token is not this service.";
        return false;
    }

    private static bool TryReadIssuer(byte[] payload, out string issuer)
    {
        issuer = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object && String(document.RootElement, "iss") is { } iss)
            {
                issuer = iss;
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    private static bool TryReadHeader(byte[] header, out string algorithm, out string keyId)
    {
        algorithm = keyId = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(header);
            var root = document.RootElement;
            // A critical extension Coffer does not know must not be ignored (RFC 7515 §4.1.11).
            if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("crit", out _) ||
                String(root, "alg") is not ("RS256" or "ES256") || String(root, "kid") is not { Length: > 0 })
            {
                return false;
            }

            algorithm = String(root, "alg")!; // checked just above
            keyId = String(root, "kid")!;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryReadClaims(IssuerState state, byte[] payload, out Claims claims, out string failure)
    {
        claims = default;
        failure = "The token lacks a required claim (aud, exp, and oid or sub).";
        using var document = JsonDocument.Parse(payload); // parsed once already by TryReadIssuer
        var root = document.RootElement;
        if (!TryTime(root, "exp", out var expires) || ReadAudiences(root) is not { Length: > 0 } audiences)
        {
            return false;
        }

        var notBefore = DateTimeOffset.MinValue;
        if (root.TryGetProperty("nbf", out _) && !TryTime(root, "nbf", out notBefore))
        {
            failure = "The token's nbf claim is not a time.";
            return false;
        }

        Guid objectId;
        if (String(root, "oid") is { } oid)
        {
            if (!Guid.TryParse(oid, out objectId))
            {
                failure = "The token's oid claim is not a GUID.";
                return false;
            }
        }
        else if (String(root, "sub") is { Length: > 0 } sub)
        {
            objectId = Guid.TryParse(sub, out var id) ? id : ExternalSubject.Derive(state.Trusted.Issuer, sub);
        }
        else
        {
            return false;
        }

        var tenantId = Guid.TryParse(String(root, "tid"), out var tid) ? tid : Guid.Empty;
        var appId = String(root, "appid") ?? String(root, "azp");
        claims = new Claims(new Principal(objectId, tenantId, appId, expires) { Issuer = state.Trusted.Issuer, UserPrincipalName = String(root, "upn") }, notBefore, audiences);
        failure = string.Empty;
        return true;
    }

    /// <summary><c>aud</c> is a string or, in OpenID Connect, an array of strings.</summary>
    private static string[]? ReadAudiences(JsonElement root)
    {
        if (!root.TryGetProperty("aud", out var aud))
        {
            return null;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return [aud.GetString()!]; // ValueKind is String, so the value is not null
        }

        if (aud.ValueKind != JsonValueKind.Array || aud.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            return null;
        }

        return [.. aud.EnumerateArray().Select(item => item.GetString()!)]; // every item is a string
    }

    private static bool TryTime(JsonElement root, string name, out DateTimeOffset value)
    {
        value = default;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number ||
            !element.TryGetInt64(out var seconds) || seconds < 0 || seconds > MaxTimeClaim)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private readonly record struct Claims(Principal Principal, DateTimeOffset NotBefore, string[] Audiences);

    private sealed record Verified(Principal Principal, DateTimeOffset NotBefore, string[] Audiences, IssuerState Issuer, string KeyId);
}
