using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coffer.Core.Crypto;
using Coffer.Core.Identity.External;

namespace Coffer.Core.Identity;

/// <summary>
/// Verifies Coffer's RS256 access tokens: signature against a known key id, issuer, audience and lifetime.
/// A verified token is remembered until it expires, so a client reusing its token costs one dictionary lookup;
/// lifetime, audience and the token's credential (still live in the <see cref="CredentialDirectory"/>, so a removed
/// credential or a deleted principal is refused at once) are still checked on every call.
/// </summary>
public sealed class TokenValidator
{
    private const int MaxCachedTokens = 10_000;

    /// <summary>Times past this (a year before <see cref="DateTimeOffset.MaxValue"/>) are refused, so adding the clock skew cannot overflow.</summary>
    private static readonly long MaxTimeClaim = DateTimeOffset.MaxValue.AddDays(-365).ToUnixTimeSeconds();
    private readonly SigningKeyRing _keys;
    private readonly TokenAuthority _authority;
    private readonly CredentialDirectory _credentials;
    private readonly TimeProvider _time;
    private readonly ExternalIssuers? _external;
    private readonly ConcurrentDictionary<string, (Principal Principal, string Audience, DateTimeOffset NotBefore, string CredentialId)> _verified = new(StringComparer.Ordinal);

    public TokenValidator(SigningKeyRing keys, TokenAuthority authority, CredentialDirectory credentials, TimeProvider time, ExternalIssuers? external = null)
    {
        _keys = keys;
        _authority = authority;
        _credentials = credentials;
        _time = time;
        _external = external;
    }

    /// <summary>
    /// <see cref="TryValidate(string, string, out Principal, out string)"/> for a token still in its header: a token
    /// verified before is found without copying it out (it is a kilobyte or two, on every request).
    /// </summary>
    public bool TryValidate(ReadOnlySpan<char> token, string audience, out Principal principal, out string failure) =>
        _verified.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var cached)
            ? CheckCached(cached, audience, _time.GetUtcNow(), out principal, out failure)
            : TryValidate(token.ToString(), audience, out principal, out failure);

    /// <summary>Checks a bearer token for the given resource; on failure says why (never echoing the token).</summary>
    public bool TryValidate(string token, string audience, out Principal principal, out string failure)
    {
        var now = _time.GetUtcNow();
        if (_verified.TryGetValue(token, out var cached))
        {
            return CheckCached(cached, audience, now, out principal, out failure);
        }

        principal = null!;
        // A token whose iss is a trusted external issuer (Entra ID, Keycloak, …) is checked, and cached, by that seam alone.
        if (_external is { Count: > 0 } &&
            _external.TryValidate(token, audience, out principal, out failure) is var outcome && outcome != ExternalTokenOutcome.NotExternal)
        {
            return outcome == ExternalTokenOutcome.Valid;
        }

        if (!TryVerify(token, out var claims, out failure))
        {
            return false;
        }

        if (!_authority.IsOwnIssuer(claims.Issuer))
        {
            failure = "The token issuer is not trusted.";
            return false;
        }

        if (!CheckLifetimeAndAudience(claims.Expires, claims.NotBefore, claims.Audience, audience, now, out failure))
        {
            return false;
        }

        // Deny by default: every token Coffer issues names its credential, so one that names none is refused.
        if (claims.CredentialId is not { Length: > 0 } credentialId || !CheckCredential(credentialId, now, out failure))
        {
            failure = "The token's credential has been removed or has expired, or its principal was deleted.";
            return false;
        }

        principal = new Principal(claims.ObjectId, claims.TenantId, claims.AppId, claims.Expires) { Issuer = claims.Issuer };
        if (_verified.Count >= MaxCachedTokens)
        {
            _verified.Clear();
        }

        _verified[token] = (principal, claims.Audience, claims.NotBefore, credentialId);
        return true;
    }

    private bool CheckLifetimeAndAudience(DateTimeOffset expires, DateTimeOffset notBefore, string tokenAudience, string audience, DateTimeOffset now, out string failure)
    {
        if (expires + _authority.ClockSkew <= now)
        {
            failure = "The token is expired.";
            return false;
        }

        if (notBefore - _authority.ClockSkew > now)
        {
            failure = "The token is not yet valid.";
            return false;
        }

        if (!AudienceMatches(tokenAudience, audience))
        {
            failure = "The audience of the token is not this service.";
            return false;
        }

        failure = string.Empty;
        return true;
    }

    private bool CheckCached((Principal Principal, string Audience, DateTimeOffset NotBefore, string CredentialId) cached, string audience, DateTimeOffset now,
        out Principal principal, out string failure)
    {
        principal = cached.Principal;
        return CheckLifetimeAndAudience(cached.Principal.Expires, cached.NotBefore, cached.Audience, audience, now, out failure)
            && CheckCredential(cached.CredentialId, now, out failure);
    }

    private bool CheckCredential(string credentialId, DateTimeOffset now, out string failure)
    {
        if (!_credentials.IsLive(credentialId, now))
        {
            failure = "The token's credential has been removed or has expired, or its principal was deleted.";
            return false;
        }

        failure = string.Empty;
        return true;
    }

    private static bool AudienceMatches(string tokenAudience, string expected) =>
        tokenAudience.AsSpan().TrimEnd('/').Equals(expected.AsSpan().TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private bool TryVerify(string token, out Claims claims, out string failure)
    {
        claims = default;
        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (secondDot < 0 || token.IndexOf('.', secondDot + 1) >= 0)
        {
            failure = "The token is not a JWS in compact form.";
            return false;
        }

        if (!Base64Url.TryDecode(token[..firstDot], out var headerBytes) ||
            !Base64Url.TryDecode(token[(firstDot + 1)..secondDot], out var payloadBytes) ||
            !Base64Url.TryDecode(token[(secondDot + 1)..], out var signature))
        {
            failure = "The token is not valid base64url.";
            return false;
        }

        if (!TryReadHeader(headerBytes, out var keyId))
        {
            failure = "The token must be signed with RS256 and name its key (kid).";
            return false;
        }

        if (!_keys.TryGetVerificationKey(keyId, out var key))
        {
            failure = "The token is signed with an unknown key.";
            return false;
        }

        var signingInput = Encoding.ASCII.GetBytes(token, 0, secondDot);
        if (!key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            failure = "The token signature is invalid.";
            return false;
        }

        if (!TryReadClaims(payloadBytes, out claims))
        {
            failure = "The token lacks a required claim (iss, aud, exp, nbf, oid, tid).";
            return false;
        }

        failure = string.Empty;
        return true;
    }

    private static bool TryReadHeader(byte[] header, out string keyId)
    {
        keyId = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(header);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "RS256" ||
                !root.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            keyId = kid.GetString()!; // ValueKind is String, so the value is not null
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryReadClaims(byte[] payload, out Claims claims)
    {
        claims = default;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !TryString(root, "iss", out var issuer) ||
                !TryString(root, "aud", out var audience) ||
                !TryTime(root, "exp", out var expires) ||
                !TryTime(root, "nbf", out var notBefore) ||
                !TryString(root, "oid", out var oid) || !Guid.TryParse(oid, out var objectId) ||
                !TryString(root, "tid", out var tid) || !Guid.TryParse(tid, out var tenantId))
            {
                return false;
            }

            var appId = TryString(root, "appid", out var app) ? app : null;
            var credentialId = TryString(root, TokenIssuer.CredentialIdClaim, out var credential) ? credential : null;
            claims = new Claims(issuer, audience, expires, notBefore, objectId, tenantId, appId, credentialId);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryString(JsonElement root, string name, out string value)
    {
        value = string.Empty;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString()!; // ValueKind is String, so the value is not null
        return true;
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

    private readonly record struct Claims(string Issuer, string Audience, DateTimeOffset Expires, DateTimeOffset NotBefore, Guid ObjectId, Guid TenantId, string? AppId, string? CredentialId);
}
